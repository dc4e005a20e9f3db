/**
 * When a dispute counts as open at the end of a day: opened by then and not resolved by then. A
 * dispute resolved later was still open on that day, so reports for past dates show what stood
 * then. What may be asked for (collectable), the disputes report and the credit-bureau file all
 * judge disputes by this one condition. It lives with the disputes, below every reader.
 *
 * `alias` is the dispute table's alias in the caller's SQL, `param` the named date parameter.
 */
export function disputeOpenAt(alias: string, param: string): string {
  return `(${alias}.opened_on <= ${param} AND (${alias}.status <> 'resolved' OR ${alias}.resolved_on IS NULL OR ${alias}.resolved_on > ${param}))`;
}
