// Catálogo em português do Brasil. Keys and placeholders as in en.ts; plurals: one / other.
import type { TranslatedCatalogue } from './en.js';

export const ptBR: TranslatedCatalogue = {
  'menu.welcome': '👋 Boas-vindas à Nexora Investments!',
  'menu.chooseOption': 'Por favor, escolha uma opção:',
  'menu.replyWithNumber': 'Responda com um número.',
  'menu.anythingElse': '🙌 Posso ajudar em algo mais? Responda com um número de 1 a 7 ou toque em *Menu principal*.',
  'menu.didNotUnderstand': '❓ Desculpe, não entendi. Responda com um número de 1 a 7 ou digite "menu".',
  'menu.footer': 'Digite "menu" a qualquer momento para recomeçar',
  'menu.button': 'Menu principal',
  'menu.sectionTitle': 'Como podemos ajudar?',
  'menu.option1.label': 'Conhecer programas de residência',
  'menu.option1.row': '1. Programas',
  'menu.option1.description': 'Os melhores programas de residência e cidadania de cada região',
  'menu.option2.label': 'Verificar elegibilidade',
  'menu.option2.row': '2. Elegibilidade',
  'menu.option2.description': 'Veja quais programas cabem no seu orçamento de investimento',
  'menu.option3.label': 'Falar com um consultor',
  'menu.option3.row': '3. Falar com consultor',
  'menu.option3.description': 'Deixe seu nome e e-mail e um consultor entrará em contato',
  'menu.option4.label': 'Ajuda na busca de emprego',
  'menu.option4.row': '4. Busca de emprego',
  'menu.option4.description': 'Encontre vagas de emprego no país que você escolher',
  'menu.option5.label': 'Agendar consultoria',
  'menu.option5.row': '5. Agendar consultoria',
  'menu.option5.description': 'Receba o link para agendar uma consultoria',
  'menu.option6.label': 'Baixar o folheto',
  'menu.option6.row': '6. Folheto',
  'menu.option6.description': 'Receba o folheto da Nexora Investments',
  'menu.option7.label': 'Conversar com um consultor agora',
  'menu.option7.row': '7. Conversar agora',
  'menu.option7.description': 'Um consultor responde você aqui, nesta conversa',
  'menu.languageRow': '🌐 Idioma',
  'menu.languageRowDescription': 'Escolha o idioma em que eu respondo',
  'nav.backToMenuHint': 'Digite "menu" para voltar ao menu principal.',
  'nav.mainMenuRow': '⬅️ Menu principal',
  'nav.mainMenuRowDescription': 'Voltar a todas as opções',

  'session.expired': '⏱️ Sua sessão anterior expirou, então vamos recomeçar pelo menu principal.',
  'input.unsupported':
    '🙏 Obrigado! Por enquanto só consigo ler mensagens de texto. Digite sua resposta ou escolha uma opção do menu abaixo.',
  'input.fileReceived':
    '📎 Obrigado, seu arquivo chegou até nós e seu consultor poderá vê-lo. Eu só consigo ler texto: digite sua pergunta ou escolha uma opção do menu abaixo.',
  'media.tooLarge':
    '📎 Desculpe, não conseguimos receber seu arquivo: ele tem mais de {limit}, o máximo que o WhatsApp nos permite aceitar. Envie um arquivo menor ou divida-o em partes.',
  'media.corrupt':
    '📎 Desculpe, seu arquivo chegou danificado e não conseguimos abri-lo. Por favor, envie-o novamente.',

  'explore.title': '🌍 Principais categorias de residência:',
  'explore.prompt': 'Responda com {letters}',
  'explore.invalid': '❓ Desculpe, essa não é uma das categorias. Responda com {letters}.',
  'explore.button': 'Categorias',
  'explore.sectionTitle': 'Categorias de residência',
  'explore.rowDescription': '{count, plural, one {# programa} other {# programas}}, a partir de {amount}',
  'explore.topTitle':
    '{count, plural, one {🏆 Nosso programa {category}:} other {🏆 Os # melhores programas {category}:}}',
  'programs.followUp': '💬 Tem interesse? Responda 3 para falar com um consultor ou 5 para agendar uma consultoria.',
  'program.category': 'Categoria: {category}',
  'program.investment': 'Investimento: {amount}',
  'program.processing': 'Prazo de processamento: {time}',
  'program.link': 'Link: {link}',

  'eligibility.ask':
    '💰 Qual é o seu orçamento de investimento em dólares americanos?\n\nPor exemplo: 250000, $300,000, 250k ou 1.5M.',
  'eligibility.empty': '💰 Digite seu orçamento de investimento em dólares americanos, por exemplo 250000 ou $300k.',
  'eligibility.unreadable':
    '❓ Desculpe, não consegui entender esse valor. Digite seu orçamento em dólares americanos, por exemplo 300000, $300,000 ou 300k.',
  'eligibility.notPositive':
    '❓ O orçamento precisa ser maior que zero. Digite um valor em dólares americanos, por exemplo 250000.',
  'eligibility.intro': '✅ Com um orçamento de {amount}, você pode se candidatar a:',
  'eligibility.notEligible':
    '😕 Com um orçamento de {amount}, nenhum dos nossos programas está ao seu alcance ainda. O menor investimento mínimo é de {lowest} ({program}).\n\n💬 Um consultor pode avaliar outras opções com você: responda 3 para falar com um consultor.',
  'eligibility.noCatalogue':
    '😕 No momento não encontrei programas para comparar com o seu orçamento. Responda 3 e um consultor vai ajudar você.',

  'consultant.askName': '👤 Será um prazer colocar você em contato com um consultor! Qual é o seu nome completo?',
  'consultant.nameEmpty': '👤 Por favor, digite seu nome completo.',
  'consultant.nameInvalid': '❓ Isso não parece um nome. Digite seu nome completo (até 100 caracteres).',
  'consultant.nameIsQuestion':
    '❓ Um consultor vai responder com prazer. Para encaminhar sua pergunta, preciso antes do seu nome completo: qual é?',
  'consultant.nameIsEmail': '📧 Obrigado, já já peço seu e-mail. Primeiro, qual é o seu nome completo?',
  'consultant.askEmail': '📧 Obrigado, {name}! Qual é o seu e-mail?',
  'consultant.emailInvalid': '❓ Esse e-mail não parece correto. Digite novamente, por exemplo name@example.com.',
  'consultant.saved': '🙏 Obrigado, {name}! Um consultor da Nexora vai entrar em contato com você em breve.',
  'consultant.offerChat': 'Gostaria que um consultor conversasse com você aqui agora?',
  'consultant.offerChatYes': 'Sim, por favor',
  'consultant.offerChatNo': 'Não, obrigado',

  'jobs.askCountry': '💼 Em qual país você gostaria de trabalhar?',
  'jobs.countryInvalid': '❓ Ainda não conheço esse país. Digite o nome de um país, por exemplo {examples}.',
  'jobs.searching':
    '🔎 Buscando vagas ({country})… Envio o que encontrar em instantes.\n\nEnquanto isso, responda com um número de 1 a 7 ou digite "menu" para o menu principal.',
  'jobs.found': 'Aqui estão as vagas mais recentes ({place}):',
  'jobs.seeMore': 'Ver mais: {link}',
  'jobs.none': 'No momento não encontrei vagas abertas ({place}).',
  'jobs.searchYourself': 'Você também pode pesquisar aqui:\n{link}',
  'jobs.unavailable': 'A busca de vagas não está disponível no momento.',
  'jobs.latestHere': 'Veja as vagas mais recentes ({place}) aqui:\n{link}',
  'jobs.consultant': 'Quer conversar com um dos nossos consultores sobre trabalhar e morar lá? Responda *3*.',
  'jobs.askKeywords':
    '💼 Que tipo de vaga você procura ({country})? Digite um cargo ou uma área, por exemplo *nurse*, *engineer* ou *sales* (em inglês ou no idioma do país você encontra mais vagas), ou responda *todas* para ver todas as vagas.',
  'jobs.keywordsInvalid':
    '❓ Digite um cargo ou uma área em poucas palavras (até {max} caracteres), ou *todas* para ver todas as vagas.',
  'jobs.searchingFor':
    '🔎 Buscando vagas de "{keywords}" ({country})… Envio o que encontrar em instantes.\n\nEnquanto isso, responda com um número de 1 a 7 ou digite "menu" para o menu principal.',
  'jobs.foundFor': 'Aqui estão as vagas mais recentes de "{keywords}" ({place}):',
  'jobs.noneFor': 'No momento não encontrei vagas abertas de "{keywords}" ({place}).',

  'smalltalk.thanks': '😊 Por nada! Estou aqui sempre que precisar.',
  'smalltalk.goodbye': '👋 Obrigado por falar com a Nexora Investments. Escreva quando quiser!',

  'brochure.caption': '📄 Nexora Investments — programas de residência e cidadania por investimento',
  'booking.link':
    '📅 Agende uma consultoria com um consultor da Nexora aqui:\n{url}\n\nEscolha o horário que for melhor para você e apresentaremos suas opções.',

  'optOut.confirmed':
    '🔕 Sua inscrição foi cancelada: a Nexora Investments não enviará mais mensagens. Digite COMEÇAR quando quiser falar com a gente de novo.',
  'optIn.confirmed': '🔔 Que bom ter você de volta! Você voltará a receber nossas respostas.',

  'language.prompt': '🌐 Em qual idioma você prefere conversar? Escolha um da lista.',
  'language.button': 'Idiomas',
  'language.sectionTitle': 'Idiomas',
  'language.invalid': '❓ Escolha um idioma da lista ou digite o nome dele.',
  'language.changed': '✅ Pronto: a partir de agora vou responder em português.',

  'handoff.pendingNow':
    '👤 Obrigado, um consultor vai responder você aqui em breve. Digite *menu* para voltar ao assistente.',
  'handoff.pendingLater':
    '👤 Obrigado. Nossos consultores atendem {hours} (horário de {timeZone}); um deles vai responder aqui assim que abrirmos. Digite *menu* para voltar ao assistente.',
  'handoff.timedOut':
    '⏳ Desculpe, nenhum consultor conseguiu responder a tempo. O assistente voltou: digite *menu* para ver o que ele pode fazer, ou *atendente* para pedir uma pessoa de novo.',

  'leadEmail.subject': '{event, select, created {Novo lead} other {Lead atualizado}}: {who}{about}',

  // --- Budgets in other currencies and the eligibility answer's pages (issue 16, "understanding") ---
  'eligibility.converted': '{original} (≈ {amount} pelo câmbio de {date})',
  'eligibility.noRate':
    '❓ Desculpe, ainda não consigo converter {currency}. Digite seu orçamento em dólares americanos, por exemplo 300000 ou $300k.',
  'eligibility.count':
    '{count, plural, one {# programa cabe no seu orçamento.} other {# programas cabem no seu orçamento, do mais barato ao mais caro.}}',
  'eligibility.moreHint':
    '{count, plural, one {➕ Mais # programa cabe no seu orçamento: escolha *{row}* na lista abaixo.} other {➕ Mais # programas cabem no seu orçamento: escolha *{row}* na lista abaixo.}}',
  'eligibility.moreRow': '➕ Mais programas',
  'eligibility.moreRowDescription': 'Programas {from}–{to} de {count}',
  'eligibility.pageIntro': '✅ Mais programas para um orçamento de {amount} ({from}–{to} de {count}):',
};
