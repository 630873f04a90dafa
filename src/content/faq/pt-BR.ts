// As perguntas frequentes em português (o que faltar vem do inglês).
import type { FaqEntry } from './types.js';

export const ptBR: readonly FaqEntry[] = [
  {
    id: 'cost',
    question: 'Quanto custa um programa?',
    words: 'quanto custa custo preço valor taxas caro barato mais barato mínimo investimento orçamento',
    answer:
      '💰 Cada programa tem um investimento mínimo, a partir de US$ 100.000 (cidadania caribenha), mais as taxas do governo e de due diligence. Responda *2* e digite seu orçamento: eu listo todos os programas que cabem nele, do mais barato ao mais caro.',
  },
  {
    id: 'processing',
    question: 'Quanto tempo demora?',
    words: 'tempo demora prazo meses semanas rápido processo leva',
    answer:
      '⏱️ O processo leva de algumas semanas (Emirados) a dois ou três anos (EB-5 dos EUA); o prazo de cada programa aparece no card dele. Responda *1* para ver os programas por região.',
  },
  {
    id: 'family',
    question: 'Minha família pode ir junto?',
    words: 'família familia esposa marido cônjuge filhos crianças pais junto incluir',
    answer:
      '👨‍👩‍👧 A maioria dos programas inclui cônjuge e filhos, e muitos também os pais, normalmente com uma taxa por pessoa. Um consultor pode verificar isso para a sua família: responda *3*.',
  },
  {
    id: 'residency_or_citizenship',
    question: 'Residência ou cidadania?',
    words: 'residência residencia cidadania nacionalidade passaporte diferença',
    answer:
      '🛂 Um golden visa dá o direito de morar no país (residência), em geral renovável e com acesso à cidadania depois de alguns anos; um programa de cidadania por investimento dá o passaporte diretamente. Responda *1* para ver os dois tipos.',
  },
  {
    id: 'visa_free',
    question: 'Quais passaportes permitem viajar sem visto?',
    words: 'sem visto viajar viagem schengen países passaporte',
    answer:
      '✈️ Os passaportes caribenhos permitem viajar sem visto para cerca de 140 a 150 países, incluindo o espaço Schengen e o Reino Unido; uma residência europeia permite circular livremente no Schengen. Um consultor pode compará-los para você: responda *3*.',
  },
];
