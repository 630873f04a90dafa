// The order residency categories are offered in "Explore". Categories themselves come from the
// program catalogue (the database): one named here is shown in this order, any other one after
// them, alphabetically. A category nobody offers a program in is not shown at all.
export const CATEGORY_ORDER: readonly string[] = [
  'Europe Golden Visa',
  'Caribbean Citizenship',
  'USA EB-5',
  'UAE Residency',
];
