// The small FAQ, in English (required; another language without its own entry falls back to these).
// Searched together with the program catalogue (conversation/question-index.ts).
import type { FaqEntry } from './types.js';

export const en: readonly FaqEntry[] = [
  {
    id: 'cost',
    question: 'How much does a program cost?',
    words: 'cost price fees how much expensive cheapest cheap affordable lowest minimum investment budget',
    answer:
      '💰 Each program has a minimum investment, from $100,000 (Caribbean citizenship) upwards, plus government and due-diligence fees. Reply *2* and type your budget: I list every program it fits, the cheapest first.',
  },
  {
    id: 'processing',
    question: 'How long does it take?',
    words: 'processing time how long duration months weeks fast quick timeline wait',
    answer:
      '⏱️ Processing takes from a few weeks (UAE) to two or three years (USA EB-5); every program card shows its own time. Reply *1* to explore the programs by region.',
  },
  {
    id: 'family',
    question: 'Can my family come too?',
    words: 'family members spouse wife husband children kids parents dependants include',
    answer:
      '👨‍👩‍👧 Most programs include your spouse and children, and many also your parents, usually for an extra fee per person. A consultant can check your family for a given program: reply *3*.',
  },
  {
    id: 'residency_or_citizenship',
    question: 'Residency or citizenship?',
    words: 'residency citizenship difference passport residence permit golden visa nationality second',
    answer:
      '🛂 A golden visa gives you the right to live in a country (residency), usually renewable and leading to citizenship after some years; a citizenship-by-investment program gives you a passport directly. Reply *1* to see both kinds.',
  },
  {
    id: 'visa_free',
    question: 'Which passports give visa-free travel?',
    words: 'visa free travel schengen countries passport mobility without visa',
    answer:
      '✈️ Caribbean passports travel without a visa to about 140–150 countries, including the Schengen area and the UK; a European residency lets you move freely within Schengen. A consultant can compare them for you: reply *3*.',
  },
];
