// La FAQ en français (ce qui manque vient de l’anglais).
import type { FaqEntry } from './types.js';

export const fr: readonly FaqEntry[] = [
  {
    id: 'cost',
    question: 'Combien coûte un programme ?',
    words: 'combien coûte coute coût cout prix tarif frais cher moins cher minimum investissement budget',
    answer:
      '💰 Chaque programme a un investissement minimum, à partir de 100 000 $ (citoyenneté caribéenne), plus les frais gouvernementaux et de vérification. Répondez *2* et indiquez votre budget : je vous liste tous les programmes accessibles, du moins cher au plus cher.',
  },
  {
    id: 'processing',
    question: 'Combien de temps ça prend ?',
    words: 'temps délai délais durée mois semaines rapide prend traitement',
    answer:
      '⏱️ Le traitement prend de quelques semaines (Émirats) à deux ou trois ans (EB-5 américain) ; chaque fiche de programme indique son délai. Répondez *1* pour voir les programmes par région.',
  },
  {
    id: 'family',
    question: 'Ma famille peut-elle venir ?',
    words: 'famille conjoint conjointe épouse femme mari enfants parents inclure',
    answer:
      '👨‍👩‍👧 La plupart des programmes incluent votre conjoint et vos enfants, beaucoup aussi vos parents, en général avec des frais par personne. Un conseiller peut vérifier pour votre famille : répondez *3*.',
  },
  {
    id: 'residency_or_citizenship',
    question: 'Résidence ou citoyenneté ?',
    words: 'résidence residence citoyenneté nationalité passeport différence titre séjour',
    answer:
      '🛂 Un golden visa vous donne le droit de vivre dans un pays (résidence), en général renouvelable et menant à la citoyenneté après quelques années ; un programme de citoyenneté par investissement vous donne directement un passeport. Répondez *1* pour voir les deux.',
  },
  {
    id: 'visa_free',
    question: 'Quels passeports permettent de voyager sans visa ?',
    words: 'sans visa voyager voyage schengen pays passeport',
    answer:
      '✈️ Les passeports caribéens permettent de voyager sans visa dans environ 140 à 150 pays, dont l’espace Schengen et le Royaume-Uni ; une résidence européenne permet de circuler librement dans Schengen. Un conseiller peut les comparer pour vous : répondez *3*.',
  },
];
