const counts = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** Counts of things (letters, customers) as the clerk's locale writes them: 1,000. */
export function formatCount(n: number): string {
  return counts.format(n);
}

const oneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A ratio the service already rounded to one decimal (DSO, CEI, rates): 42.5, always one place. */
export function formatRatio(n: number): string {
  return oneDecimal.format(n);
}

/** "1 promise", "3 promises": a count with its noun, in the clerk's locale. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
