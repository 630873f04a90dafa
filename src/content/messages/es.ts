// Catálogo en español. Keys and placeholders as in en.ts; plurals: one / other.
import type { TranslatedCatalogue } from './en.js';

export const es: TranslatedCatalogue = {
  'menu.welcome': '👋 ¡Bienvenido a Nexora Investments!',
  'menu.chooseOption': 'Por favor, elija una opción:',
  'menu.replyWithNumber': 'Responda con un número.',
  'menu.anythingElse': '🙌 ¿Puedo ayudarle en algo más? Responda con un número del 1 al 7 o toque *Menú principal*.',
  'menu.didNotUnderstand': '❓ Disculpe, no le entendí. Responda con un número del 1 al 7 o escriba «menú».',
  'menu.footer': 'Escriba «menú» en cualquier momento para empezar de nuevo',
  'menu.button': 'Menú principal',
  'menu.sectionTitle': '¿Cómo podemos ayudarle?',
  'menu.option1.label': 'Explorar programas de residencia',
  'menu.option1.row': '1. Programas',
  'menu.option1.description': 'Los mejores programas de residencia y ciudadanía de cada región',
  'menu.option2.label': 'Comprobar elegibilidad',
  'menu.option2.row': '2. Elegibilidad',
  'menu.option2.description': 'Vea qué programas se ajustan a su presupuesto de inversión',
  'menu.option3.label': 'Hablar con un asesor',
  'menu.option3.row': '3. Hablar con un asesor',
  'menu.option3.description': 'Déjenos su nombre y correo y un asesor se pondrá en contacto',
  'menu.option4.label': 'Ayuda para buscar empleo',
  'menu.option4.row': '4. Búsqueda de empleo',
  'menu.option4.description': 'Encuentre ofertas de empleo en el país que elija',
  'menu.option5.label': 'Reservar una consulta',
  'menu.option5.row': '5. Reservar consulta',
  'menu.option5.description': 'Reciba el enlace para reservar una consulta',
  'menu.option6.label': 'Descargar el folleto',
  'menu.option6.row': '6. Folleto',
  'menu.option6.description': 'Reciba el folleto de Nexora Investments',
  'menu.option7.label': 'Chatear con un asesor ahora',
  'menu.option7.row': '7. Chatear con asesor',
  'menu.option7.description': 'Un asesor le responde aquí, en este chat',
  'menu.languageRow': '🌐 Idioma',
  'menu.languageRowDescription': 'Elija el idioma en el que le respondo',
  'nav.backToMenuHint': 'Escriba «menú» para volver al menú principal.',
  'nav.mainMenuRow': '⬅️ Menú principal',
  'nav.mainMenuRowDescription': 'Volver a todas las opciones',

  'session.expired': '⏱️ Su sesión anterior caducó, así que empezamos de nuevo desde el menú principal.',
  'input.unsupported':
    '🙏 ¡Gracias! Por ahora solo puedo leer mensajes de texto. Escriba su respuesta o elija una opción del menú de abajo.',
  'input.fileReceived':
    '📎 Gracias, su archivo nos ha llegado y su consultor podrá verlo. Yo solo puedo leer texto: escriba su pregunta o elija una opción del menú de abajo.',
  'media.tooLarge':
    '📎 Lo sentimos, no pudimos recibir su archivo: supera los {limit}, el máximo que WhatsApp nos permite aceptar. Envíe un archivo más pequeño o divídalo en varios.',
  'media.corrupt': '📎 Lo sentimos, su archivo llegó dañado y no pudimos abrirlo. Por favor, envíelo de nuevo.',

  'explore.title': '🌍 Principales categorías de residencia:',
  'explore.prompt': 'Responda con {letters}',
  'explore.invalid': '❓ Disculpe, esa no es una de las categorías. Responda con {letters}.',
  'explore.button': 'Categorías',
  'explore.sectionTitle': 'Categorías de residencia',
  'explore.rowDescription': '{count, plural, one {# programa} other {# programas}}, desde {amount}',
  'explore.topTitle':
    '{count, plural, one {🏆 Nuestro programa {category}:} other {🏆 Los # mejores programas {category}:}}',
  'programs.followUp': '💬 ¿Le interesa? Responda 3 para hablar con un asesor o 5 para reservar una consulta.',
  'program.category': 'Categoría: {category}',
  'program.investment': 'Inversión: {amount}',
  'program.processing': 'Plazo de tramitación: {time}',
  'program.link': 'Enlace: {link}',

  'eligibility.ask':
    '💰 ¿Cuál es su presupuesto de inversión en dólares estadounidenses?\n\nPor ejemplo: 250000, $300,000, 250k o 1.5M.',
  'eligibility.empty': '💰 Escriba su presupuesto de inversión en dólares estadounidenses, por ejemplo 250000 o $300k.',
  'eligibility.unreadable':
    '❓ Disculpe, no pude leer esa cantidad. Escriba su presupuesto en dólares estadounidenses, por ejemplo 300000, $300,000 o 300k.',
  'eligibility.notPositive':
    '❓ Su presupuesto debe ser mayor que cero. Escriba una cantidad en dólares estadounidenses, por ejemplo 250000.',
  'eligibility.intro': '✅ Con un presupuesto de {amount} puede optar a:',
  'eligibility.notEligible':
    '😕 Con un presupuesto de {amount} todavía no alcanza ninguno de nuestros programas. La inversión mínima más baja es de {lowest} ({program}).\n\n💬 Un asesor puede estudiar otras opciones con usted: responda 3 para hablar con un asesor.',
  'eligibility.noCatalogue':
    '😕 Ahora mismo no encuentro programas con los que comparar su presupuesto. Responda 3 y un asesor le ayudará.',

  'consultant.askName': '👤 ¡Con gusto le pongo en contacto con un asesor! ¿Cuál es su nombre completo?',
  'consultant.nameEmpty': '👤 Por favor, escriba su nombre completo.',
  'consultant.nameInvalid': '❓ Eso no parece un nombre. Escriba su nombre completo (hasta 100 caracteres).',
  'consultant.nameIsQuestion':
    '❓ Un asesor responderá con gusto a esa pregunta. Para hacérsela llegar, primero necesito su nombre completo: ¿cuál es?',
  'consultant.nameIsEmail': '📧 Gracias, le pediré su correo en un momento. Primero, ¿cuál es su nombre completo?',
  'consultant.askEmail': '📧 ¡Gracias, {name}! ¿Cuál es su correo electrónico?',
  'consultant.emailInvalid':
    '❓ Ese correo electrónico no parece correcto. Escríbalo de nuevo, por ejemplo name@example.com.',
  'consultant.saved': '🙏 ¡Gracias, {name}! Un asesor de Nexora se pondrá en contacto con usted muy pronto.',
  'consultant.offerChat': '¿Desea que un asesor converse con usted aquí ahora?',
  'consultant.offerChatYes': 'Sí, por favor',
  'consultant.offerChatNo': 'No, gracias',

  'jobs.askCountry': '💼 ¿En qué país le gustaría trabajar?',
  'jobs.countryInvalid': '❓ Todavía no conozco ese país. Escriba el nombre de un país, por ejemplo {examples}.',
  'jobs.searching':
    '🔎 Buscando empleos en {country}… Le envío lo que encuentre en un momento.\n\nMientras tanto, responda con un número del 1 al 7 o escriba «menú».',
  'jobs.found': 'Estas son las últimas ofertas de empleo en {place}:',
  'jobs.seeMore': 'Ver más: {link}',
  'jobs.none': 'Ahora mismo no encontré ofertas de empleo en {place}.',
  'jobs.searchYourself': 'Puede buscar usted mismo aquí:\n{link}',
  'jobs.unavailable': 'La búsqueda de empleo no está disponible en este momento.',
  'jobs.latestHere': 'Puede ver las últimas ofertas de empleo en {place} aquí:\n{link}',
  'jobs.consultant': '¿Le gustaría hablar con uno de nuestros asesores sobre trabajar y vivir allí? Responda *3*.',
  'jobs.askKeywords':
    '💼 ¿Qué tipo de empleo busca en {country}? Escriba un puesto o un sector, por ejemplo *nurse*, *engineer* o *sales* (en inglés o en el idioma del país encontrará más ofertas), o responda *todos* para ver todas las ofertas.',
  'jobs.keywordsInvalid':
    '❓ Escriba un puesto o un sector en pocas palabras (hasta {max} caracteres), o *todos* para ver todas las ofertas.',
  'jobs.searchingFor':
    '🔎 Buscando ofertas de «{keywords}» en {country}… Le envío lo que encuentre en un momento.\n\nMientras tanto, responda con un número del 1 al 7 o escriba «menú».',
  'jobs.foundFor': 'Estas son las últimas ofertas de «{keywords}» en {place}:',
  'jobs.noneFor': 'Ahora mismo no encontré ofertas de «{keywords}» en {place}.',

  'smalltalk.thanks': '😊 ¡De nada! Aquí estoy cuando me necesite.',
  'smalltalk.goodbye': '👋 Gracias por contactar con Nexora Investments. ¡Escríbanos cuando quiera!',

  'brochure.caption': '📄 Nexora Investments — programas de residencia y ciudadanía por inversión',
  'booking.link':
    '📅 Reserve una consulta con un asesor de Nexora aquí:\n{url}\n\nElija el horario que mejor le convenga y le explicaremos sus opciones.',

  'optOut.confirmed':
    '🔕 Se ha dado de baja: Nexora Investments no le enviará más mensajes. Escriba EMPEZAR cuando quiera volver a hablar con nosotros.',
  'optIn.confirmed': '🔔 ¡Bienvenido de nuevo! Volverá a recibir nuestras respuestas.',

  'language.prompt': '🌐 ¿En qué idioma prefiere que le hable? Elija uno de la lista.',
  'language.button': 'Idiomas',
  'language.sectionTitle': 'Idiomas',
  'language.invalid': '❓ Elija un idioma de la lista o escriba su nombre.',
  'language.changed': '✅ Listo: a partir de ahora le responderé en español.',

  'handoff.pendingNow': '👤 Gracias, un asesor le responderá aquí en breve. Escriba *menú* para volver al asistente.',
  'handoff.pendingLater':
    '👤 Gracias. Nuestros asesores atienden {hours} (hora de {timeZone}); uno de ellos le responderá aquí en cuanto abramos. Escriba *menú* para volver al asistente.',
  'handoff.timedOut':
    '⏳ Disculpe, ningún asesor pudo responderle a tiempo. El asistente ha vuelto: escriba *menú* para ver lo que puede hacer, o *una persona* para pedir de nuevo hablar con alguien.',

  'leadEmail.subject':
    '{event, select, created {Nuevo cliente potencial} other {Cliente potencial actualizado}}: {who}{about}',

  // --- Budgets in other currencies and the eligibility answer's pages (issue 16, "understanding") ---
  'eligibility.converted': '{original} (≈ {amount} al cambio del {date})',
  'eligibility.noRate':
    '❓ Lo siento, todavía no puedo convertir {currency}. Escriba su presupuesto en dólares estadounidenses, por ejemplo 300000 o $300k.',
  'eligibility.count':
    '{count, plural, one {# programa se ajusta a su presupuesto.} other {# programas se ajustan a su presupuesto, del más económico al más caro.}}',
  'eligibility.moreHint':
    '{count, plural, one {➕ # programa más se ajusta a su presupuesto: elija *{row}* en la lista de abajo.} other {➕ # programas más se ajustan a su presupuesto: elija *{row}* en la lista de abajo.}}',
  'eligibility.moreRow': '➕ Más programas',
  'eligibility.moreRowDescription': 'Programas {from}–{to} de {count}',
  'eligibility.pageIntro': '✅ Más programas para un presupuesto de {amount} ({from}–{to} de {count}):',
};
