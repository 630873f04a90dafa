// Program lists as chat text, in the seed's layout.
import { formatUsd } from '../lib/money.js';
import { TEXT_BODY_MAX, truncate } from './limits.js';
import type { Program } from './types.js';

export function formatProgram(p: Program, position: number, withCategory = false): string {
  const lines = [
    `${position}. ${p.name}`,
    ...(withCategory ? [`   Category: ${p.category}`] : []),
    `   Investment: ${formatUsd(p.minimumInvestment)}`,
    `   Processing: ${p.processingTime}`,
    `   Link: ${p.link}`,
  ];
  return lines.join('\n');
}

/** "🏆 Top 3 Europe Golden Visa Programs:" and the programs, numbered. */
export function formatTopPrograms(category: string, programs: readonly Program[], followUp: string): string {
  const title =
    programs.length === 1 ? `🏆 Our ${category} Program:` : `🏆 Top ${programs.length} ${category} Programs:`;
  const items = programs.map((p, i) => formatProgram(p, i + 1));
  return truncate([title, ...items, followUp].join('\n\n'), TEXT_BODY_MAX);
}

export function formatEligibleList(intro: string, programs: readonly Program[], followUp: string): string {
  const items = programs.map((p, i) => formatProgram(p, i + 1, true));
  return truncate([intro, ...items, followUp].join('\n\n'), TEXT_BODY_MAX);
}
