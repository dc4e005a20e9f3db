const counts = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** Counts of things (letters, customers) as the clerk's locale writes them: 1,000. */
export function formatCount(n: number): string {
  return counts.format(n);
}
