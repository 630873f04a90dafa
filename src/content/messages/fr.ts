// Catalogue français. Keys and placeholders as in en.ts; plurals: one / other (one covers 0 and 1).
// Typographic apostrophes (’): in ICU a straight one before a brace would start a quoted span.
import type { TranslatedCatalogue } from './en.js';

export const fr: TranslatedCatalogue = {
  'menu.welcome': '👋 Bienvenue chez Nexora Investments !',
  'menu.chooseOption': 'Veuillez choisir une option :',
  'menu.replyWithNumber': 'Répondez par un numéro.',
  'menu.anythingElse':
    '🙌 Puis-je vous aider pour autre chose ? Répondez par un numéro de 1 à 7, ou touchez *Menu principal*.',
  'menu.didNotUnderstand': '❓ Désolé, je n’ai pas compris. Répondez par un numéro de 1 à 7, ou écrivez « menu ».',
  'menu.footer': 'Écrivez « menu » à tout moment pour recommencer',
  'menu.button': 'Menu principal',
  'menu.sectionTitle': 'Comment vous aider ?',
  'menu.option1.label': 'Découvrir les programmes de résidence',
  'menu.option1.row': '1. Programmes',
  'menu.option1.description': 'Les meilleurs programmes de résidence et de citoyenneté par région',
  'menu.option2.label': 'Vérifier mon éligibilité',
  'menu.option2.row': '2. Éligibilité',
  'menu.option2.description': 'Voyez quels programmes correspondent à votre budget',
  'menu.option3.label': 'Parler à un conseiller',
  'menu.option3.row': '3. Un conseiller',
  'menu.option3.description': 'Laissez votre nom et votre e-mail, un conseiller vous contactera',
  'menu.option4.label': 'Aide à la recherche d’emploi',
  'menu.option4.row': '4. Recherche d’emploi',
  'menu.option4.description': 'Trouvez des offres d’emploi dans le pays de votre choix',
  'menu.option5.label': 'Prendre rendez-vous',
  'menu.option5.row': '5. Prendre rendez-vous',
  'menu.option5.description': 'Recevez le lien pour réserver une consultation',
  'menu.option6.label': 'Télécharger la brochure',
  'menu.option6.row': '6. Brochure',
  'menu.option6.description': 'Recevez la brochure de Nexora Investments',
  'menu.option7.label': 'Discuter avec un conseiller maintenant',
  'menu.option7.row': '7. Discuter maintenant',
  'menu.option7.description': 'Un conseiller vous répond ici, dans cette conversation',
  'menu.languageRow': '🌐 Langue',
  'menu.languageRowDescription': 'Choisissez la langue dans laquelle je vous réponds',
  'nav.backToMenuHint': 'Écrivez « menu » pour revenir au menu principal.',
  'nav.mainMenuRow': '⬅️ Menu principal',
  'nav.mainMenuRowDescription': 'Retour à toutes les options',

  'session.expired': '⏱️ Votre session précédente a expiré : nous reprenons depuis le menu principal.',
  'input.unsupported':
    '🙏 Merci ! Pour l’instant, je ne lis que les messages texte. Écrivez votre réponse ou choisissez une option dans le menu ci-dessous.',
  'input.fileReceived':
    '📎 Merci, votre fichier nous est bien parvenu et votre consultant pourra le voir. Pour ma part, je ne lis que le texte : écrivez votre question ou choisissez une option dans le menu ci-dessous.',
  'media.tooLarge':
    '📎 Désolés, nous n’avons pas pu recevoir votre fichier : il dépasse {limit}, le maximum que WhatsApp nous permet d’accepter. Envoyez un fichier plus léger, ou découpez-le en plusieurs.',
  'media.corrupt':
    '📎 Désolés, votre fichier est arrivé endommagé et nous n’avons pas pu l’ouvrir. Merci de l’envoyer à nouveau.',

  'explore.title': '🌍 Principales catégories de résidence :',
  'explore.prompt': 'Répondez par {letters}',
  'explore.invalid': '❓ Désolé, ce n’est pas une catégorie. Répondez par {letters}.',
  'explore.button': 'Catégories',
  'explore.sectionTitle': 'Catégories de résidence',
  'explore.rowDescription': '{count, plural, one {# programme} other {# programmes}}, à partir de {amount}',
  'explore.topTitle':
    '{count, plural, one {🏆 Notre programme {category} :} other {🏆 Les # meilleurs programmes {category} :}}',
  'programs.followUp': '💬 Intéressé(e) ? Répondez 3 pour parler à un conseiller ou 5 pour prendre rendez-vous.',
  'program.category': 'Catégorie : {category}',
  'program.investment': 'Investissement : {amount}',
  'program.processing': 'Délai de traitement : {time}',
  'program.link': 'Lien : {link}',

  'eligibility.ask':
    '💰 Quel est votre budget d’investissement en dollars américains ?\n\nPar exemple : 250000, $300,000, 250k ou 1.5M.',
  'eligibility.empty': '💰 Indiquez votre budget d’investissement en dollars américains, par exemple 250000 ou $300k.',
  'eligibility.unreadable':
    '❓ Désolé, je n’ai pas pu lire ce montant. Indiquez votre budget en dollars américains, par exemple 300000, $300,000 ou 300k.',
  'eligibility.notPositive':
    '❓ Votre budget doit être supérieur à zéro. Indiquez un montant en dollars américains, par exemple 250000.',
  'eligibility.intro': '✅ Avec un budget de {amount}, vous êtes éligible à :',
  'eligibility.notEligible':
    '😕 Avec un budget de {amount}, aucun de nos programmes n’est encore accessible. L’investissement minimum le plus bas est de {lowest} ({program}).\n\n💬 Un conseiller peut étudier d’autres options avec vous : répondez 3 pour lui parler.',
  'eligibility.noCatalogue':
    '😕 Je ne trouve aucun programme à comparer à votre budget pour le moment. Répondez 3 et un conseiller vous aidera.',

  'consultant.askName': '👤 Avec plaisir, je vous mets en relation avec un conseiller ! Quel est votre nom complet ?',
  'consultant.nameEmpty': '👤 Veuillez écrire votre nom complet.',
  'consultant.nameInvalid': '❓ Cela ne ressemble pas à un nom. Écrivez votre nom complet (100 caractères maximum).',
  'consultant.nameIsQuestion':
    '❓ Un conseiller répondra volontiers à cette question. Pour la lui transmettre, j’ai d’abord besoin de votre nom complet : quel est-il ?',
  'consultant.nameIsEmail':
    '📧 Merci, je vous demanderai votre e-mail juste après. D’abord, quel est votre nom complet ?',
  'consultant.askEmail': '📧 Merci, {name} ! Quelle est votre adresse e-mail ?',
  'consultant.emailInvalid':
    '❓ Cette adresse e-mail ne semble pas correcte. Écrivez-la de nouveau, par exemple name@example.com.',
  'consultant.saved': '🙏 Merci, {name} ! Un conseiller Nexora vous contactera très bientôt.',
  'consultant.offerChat': 'Souhaitez-vous qu’un conseiller échange avec vous ici dès maintenant ?',
  'consultant.offerChatYes': 'Oui, volontiers',
  'consultant.offerChatNo': 'Non, merci',

  'jobs.askCountry': '💼 Dans quel pays aimeriez-vous travailler ?',
  'jobs.countryInvalid': '❓ Je ne connais pas encore ce pays. Écrivez un nom de pays, par exemple {examples}.',
  'jobs.searching':
    '🔎 Je cherche des offres d’emploi : {country}… Je vous envoie les résultats dans un instant.\n\nEn attendant, répondez par un numéro de 1 à 7 ou écrivez « menu ».',
  'jobs.found': 'Voici les dernières offres d’emploi ({place}) :',
  'jobs.seeMore': 'Voir plus : {link}',
  'jobs.none': 'Je n’ai trouvé aucune offre d’emploi en ce moment ({place}).',
  'jobs.searchYourself': 'Vous pouvez chercher vous-même ici :\n{link}',
  'jobs.unavailable': 'La recherche d’emploi n’est pas disponible pour le moment.',
  'jobs.latestHere': 'Les dernières offres d’emploi ({place}) sont ici :\n{link}',
  'jobs.consultant':
    'Souhaitez-vous parler à l’un de nos conseillers pour travailler et vivre sur place ? Répondez *3*.',
  'jobs.askKeywords':
    '💼 Quel type de poste recherchez-vous ({country}) ? Écrivez un métier ou un secteur, par exemple *nurse*, *engineer* ou *sales* (en anglais ou dans la langue du pays, vous aurez plus de résultats), ou répondez *tous* pour voir toutes les offres.',
  'jobs.keywordsInvalid':
    '❓ Écrivez un métier ou un secteur en quelques mots ({max} caractères au plus), ou *tous* pour voir toutes les offres.',
  'jobs.searchingFor':
    '🔎 Je cherche des offres « {keywords} » : {country}… Je vous envoie les résultats dans un instant.\n\nEn attendant, répondez par un numéro de 1 à 7 ou écrivez « menu ».',
  'jobs.foundFor': 'Voici les dernières offres « {keywords} » ({place}) :',
  'jobs.noneFor': 'Je n’ai trouvé aucune offre « {keywords} » en ce moment ({place}).',

  'smalltalk.thanks': '😊 Avec plaisir ! Je reste à votre disposition.',
  'smalltalk.goodbye': '👋 Merci d’avoir contacté Nexora Investments. Écrivez-nous quand vous voulez !',

  'brochure.caption': '📄 Nexora Investments — programmes de résidence et de citoyenneté par investissement',
  'booking.link':
    '📅 Réservez une consultation avec un conseiller Nexora ici :\n{url}\n\nChoisissez le créneau qui vous convient et nous vous présenterons vos options.',

  'optOut.confirmed':
    '🔕 Vous êtes désabonné(e) : Nexora Investments ne vous enverra plus de messages. Écrivez COMMENCER à tout moment pour nous reparler.',
  'optIn.confirmed': '🔔 Bon retour parmi nous ! Vous recevrez de nouveau nos réponses.',

  'language.prompt': '🌐 Dans quelle langue souhaitez-vous échanger ? Choisissez-en une dans la liste.',
  'language.button': 'Langues',
  'language.sectionTitle': 'Langues',
  'language.invalid': '❓ Choisissez une langue dans la liste, ou écrivez son nom.',
  'language.changed': '✅ C’est noté : je vous réponds désormais en français.',

  'handoff.pendingNow':
    '👤 Merci, un conseiller va vous répondre ici très bientôt. Écrivez *menu* pour revenir à l’assistant.',
  'handoff.pendingLater':
    '👤 Merci. Nos conseillers sont disponibles {hours} (heure de {timeZone}) ; l’un d’eux vous répondra ici dès l’ouverture. Écrivez *menu* pour revenir à l’assistant.',
  'handoff.timedOut':
    '⏳ Désolé, aucun conseiller n’a pu vous répondre à temps. L’assistant est de retour : écrivez *menu* pour voir ce qu’il peut faire, ou *un humain* pour demander à nouveau une personne.',

  'leadEmail.subject': '{event, select, created {Nouveau prospect} other {Prospect mis à jour}} : {who}{about}',

  // --- Budgets in other currencies and the eligibility answer's pages (issue 16, "understanding") ---
  'eligibility.converted': '{original} (≈ {amount} au taux du {date})',
  'eligibility.noRate':
    '❓ Désolé, je ne sais pas encore convertir {currency}. Indiquez votre budget en dollars américains, par exemple 300000 ou 300k $.',
  'eligibility.count':
    '{count, plural, one {# programme correspond à votre budget.} other {# programmes correspondent à votre budget, du moins cher au plus cher.}}',
  'eligibility.moreHint':
    '{count, plural, one {➕ # autre programme correspond à votre budget : choisissez *{row}* dans la liste ci-dessous.} other {➕ # autres programmes correspondent à votre budget : choisissez *{row}* dans la liste ci-dessous.}}',
  'eligibility.moreRow': '➕ Autres programmes',
  'eligibility.moreRowDescription': 'Programmes {from} à {to} sur {count}',
  'eligibility.pageIntro': '✅ Autres programmes pour un budget de {amount} ({from} à {to} sur {count}) :',
};
