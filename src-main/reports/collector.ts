/** The name the reports give activity nobody is named for. */
export const UNASSIGNED = 'Unassigned';

/**
 * Who a call, letter or promise counts for: the person recorded on the timeline entry (who made
 * the call, took the promise, sent the letter); when the entry names nobody, the customer's
 * collector as assigned now (the ledger keeps no history of assignments); otherwise Unassigned.
 * As SQL over an activity `a` joined to its customer `c`, so every report groups alike.
 */
export const COLLECTOR_SQL = `COALESCE(NULLIF(TRIM(a.author), ''), NULLIF(TRIM(c.collector), ''), '${UNASSIGNED}')`;
