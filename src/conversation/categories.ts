// Residency categories as the catalogue has them (not a fixed list in code), lettered A, B, C...
import { CATEGORY_ORDER } from '../content/categories.js';
import { LIST_ROWS_MAX } from './limits.js';
import type { Program } from './types.js';

export interface Category {
  /** "A", "B"...: what the user types, and the row id's suffix. */
  key: string;
  name: string;
  count: number;
  /** The lowest minimum investment in the category, whole USD. */
  from: number;
}

/** One row stays for "Main menu", so a list holds at most this many categories. */
export const MAX_CATEGORIES = LIST_ROWS_MAX - 1;

function orderOf(name: string): number {
  const i = CATEGORY_ORDER.findIndex((c) => c.toLowerCase() === name.toLowerCase());
  return i === -1 ? CATEGORY_ORDER.length : i;
}

export function categoriesOf(programs: readonly Program[]): Category[] {
  const byName = new Map<string, { name: string; count: number; from: number }>();
  for (const p of programs) {
    const name = p.category.trim();
    if (name === '') continue;
    const id = name.toLowerCase();
    const seen = byName.get(id);
    if (seen === undefined) byName.set(id, { name, count: 1, from: p.minimumInvestment });
    else byName.set(id, { name: seen.name, count: seen.count + 1, from: Math.min(seen.from, p.minimumInvestment) });
  }
  return [...byName.values()]
    .sort((a, b) => orderOf(a.name) - orderOf(b.name) || a.name.localeCompare(b.name))
    .slice(0, MAX_CATEGORIES)
    .map((c, i) => ({ ...c, key: String.fromCharCode(65 + i) }));
}

export function categoryByKey(programs: readonly Program[], key: string): Category | undefined {
  return categoriesOf(programs).find((c) => c.key === key);
}
