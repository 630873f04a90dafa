// Picking and ordering programs from the catalogue. The catalogue comes in through the context.
import type { Program } from './types.js';

const byRankThenMinimum = (a: Program, b: Program): number =>
  a.rank - b.rank || a.minimumInvestment - b.minimumInvestment || a.name.localeCompare(b.name);

/** The best `limit` programs of a category (matched on Program.category, case-insensitive). */
export function topProgramsInCategory(programs: readonly Program[], category: string, limit = 3): Program[] {
  const wanted = category.trim().toLowerCase();
  return programs
    .filter((p) => p.category.trim().toLowerCase() === wanted)
    .sort(byRankThenMinimum)
    .slice(0, limit);
}

const byMinimumThenRank = (a: Program, b: Program): number =>
  a.minimumInvestment - b.minimumInvestment || a.rank - b.rank || a.name.localeCompare(b.name);

/**
 * Every program whose minimum investment fits the budget, the cheapest first, then by rank. Why
 * cheapest first: the question asked is "what can I afford", and a lower minimum leaves room in
 * the budget for the government fees, family members and due diligence every program adds; rank
 * orders programs of the same minimum. The caller pages through them (nothing is cut off here).
 */
export function eligiblePrograms(programs: readonly Program[], budgetUsd: number): Program[] {
  return programs.filter((p) => p.minimumInvestment <= budgetUsd).sort(byMinimumThenRank);
}

/** The program with the lowest minimum investment, if there is any. */
export function cheapestProgram(programs: readonly Program[]): Program | undefined {
  return [...programs].sort((a, b) => a.minimumInvestment - b.minimumInvestment || a.rank - b.rank)[0];
}
