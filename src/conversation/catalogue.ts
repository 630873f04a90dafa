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

/** Programs whose minimum investment fits the budget, best ranked first. */
export function eligiblePrograms(programs: readonly Program[], budgetUsd: number, limit = 5): Program[] {
  return programs
    .filter((p) => p.minimumInvestment <= budgetUsd)
    .sort(byRankThenMinimum)
    .slice(0, limit);
}

/** The program with the lowest minimum investment, if there is any. */
export function cheapestProgram(programs: readonly Program[]): Program | undefined {
  return [...programs].sort((a, b) => a.minimumInvestment - b.minimumInvestment || a.rank - b.rank)[0];
}
