// Las preguntas frecuentes en español (las que falten se toman del inglés).
import type { FaqEntry } from './types.js';

export const es: readonly FaqEntry[] = [
  {
    id: 'cost',
    question: '¿Cuánto cuesta un programa?',
    words: 'cuánto cuesta cuesta precio coste costo tarifas caro barato económico mínimo inversión presupuesto',
    answer:
      '💰 Cada programa tiene una inversión mínima, desde $100,000 (ciudadanía caribeña), más las tasas del gobierno y de diligencia debida. Responda *2* y escriba su presupuesto: le muestro todos los programas a su alcance, del más económico al más caro.',
  },
  {
    id: 'processing',
    question: '¿Cuánto tarda?',
    words: 'tiempo tarda plazo meses semanas rápido duración trámite',
    answer:
      '⏱️ El trámite dura desde unas semanas (EAU) hasta dos o tres años (EB-5 de EE. UU.); cada programa indica su plazo. Responda *1* para ver los programas por región.',
  },
  {
    id: 'family',
    question: '¿Puede venir mi familia?',
    words: 'familia familiares esposa esposo cónyuge hijos niños padres incluir',
    answer:
      '👨‍👩‍👧 La mayoría de los programas incluyen a su cónyuge e hijos, y muchos también a sus padres, normalmente con una tasa por persona. Un consultor puede revisarlo para su familia: responda *3*.',
  },
  {
    id: 'residency_or_citizenship',
    question: '¿Residencia o ciudadanía?',
    words: 'residencia ciudadanía diferencia pasaporte permiso visa dorada nacionalidad',
    answer:
      '🛂 Una visa dorada le da derecho a vivir en un país (residencia), renovable y con acceso a la ciudadanía tras unos años; un programa de ciudadanía por inversión le da directamente un pasaporte. Responda *1* para ver ambos tipos.',
  },
  {
    id: 'visa_free',
    question: '¿Qué pasaportes permiten viajar sin visa?',
    words: 'viajar sin visa visado schengen países pasaporte movilidad',
    answer:
      '✈️ Los pasaportes caribeños viajan sin visado a unos 140–150 países, incluidos el espacio Schengen y el Reino Unido; una residencia europea permite moverse libremente por Schengen. Un consultor puede compararlos: responda *3*.',
  },
];
