// Program lists as chat text, in the seed's layout, in the user's language.
import { TEXT_BODY_MAX, truncate } from './limits.js';
import type { Program, Text } from './types.js';

/** The program's processing time in the user's language, else the English one. */
export function localProcessingTime(p: Program, t: Text): string {
  return (p.translations?.[t.language]?.processingTime ?? p.processingTime).trim();
}

export function formatProgram(t: Text, p: Program, position: number, withCategory = false): string {
  const processing = localProcessingTime(p, t);
  const lines = [
    `${position}. ${p.name}`,
    ...(withCategory ? [`   ${t.t('program.category', { category: p.category })}`] : []),
    `   ${t.t('program.investment', { amount: t.usd(p.minimumInvestment) })}`,
    // An empty processing time is left out rather than shown as a bare "Processing:".
    ...(processing === '' ? [] : [`   ${t.t('program.processing', { time: processing })}`]),
    `   ${t.t('program.link', { link: p.link })}`,
  ];
  return lines.join('\n');
}

/** One program as the answer to a question about it: its description too. */
export function formatProgramCard(t: Text, p: Program): string {
  const description = (p.translations?.[t.language]?.description ?? p.description).trim();
  const card = formatProgram(t, p, 1, true).replace(/^1\. /, '🌍 ');
  return description === '' ? card : card.replace('\n', `\n   ${description}\n`);
}

/** "🏆 Top 3 Europe Golden Visa Programs:" and the programs, numbered. */
export function formatTopPrograms(t: Text, category: string, programs: readonly Program[], followUp: string): string {
  const title = t.t('explore.topTitle', { count: programs.length, category });
  const items = programs.map((p, i) => formatProgram(t, p, i + 1));
  return truncate([title, ...items, followUp].join('\n\n'), TEXT_BODY_MAX);
}

/** `offset`: how many came on earlier pages, so that page two is numbered 6, 7… */
export function formatEligibleList(
  t: Text,
  intro: string,
  programs: readonly Program[],
  followUp: string,
  offset = 0,
): string {
  const items = programs.map((p, i) => formatProgram(t, p, offset + i + 1, true));
  return truncate([intro, ...items, followUp].join('\n\n'), TEXT_BODY_MAX);
}
