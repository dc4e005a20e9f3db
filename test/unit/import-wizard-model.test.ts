import fc from 'fast-check';
import type { Handlers, ImportInspection, ImportRunResult } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { openTempLedger } from '../support/temp-ledger';

/*
 * Model-based test of the import wizard's rules. Random sequences of imports of customer files
 * (under four different headers, each with the clerk's mapping) and previews go through dispatch
 * to a real ledger. The oracle knows only the rules in words: a file goes in whole or not at all;
 * it is refused when a row has no name, names a code twice, or gives a known code another name;
 * the same row again is "unchanged"; a preview writes nothing; and a mapping that imported comes
 * back for the next file with the same header, while a refused import remembers nothing.
 */

interface Variant {
  header: string;
  /** Builds a row under this header from a code and a name. */
  row(code: string, name: string): string;
  mapping: { code: string; name: string };
}

const VARIANTS: Variant[] = [
  { header: 'code,name', row: (c, n) => `${c},${n}`, mapping: { code: 'code', name: 'name' } },
  { header: 'Customer Name,Account No,Region Notes', row: (c, n) => `${n},${c},north`, mapping: { code: 'account no', name: 'customer name' } },
  { header: 'Nom,Identifiant', row: (c, n) => `${n},${c}`, mapping: { code: 'identifiant', name: 'nom' } },
  { header: 'ID,Title,Colour', row: (c, n) => `${c},${n},blue`, mapping: { code: 'id', name: 'title' } },
];
const signature = (v: Variant) => v.header.toLowerCase();

class Oracle {
  readonly customers = new Map<string, string>();
  readonly remembered = new Map<string, Variant['mapping']>();

  /** What importing these rows must do: refused, or how many new and unchanged. */
  import(rows: { code: string; name: string }[]): { status: 'rejected' } | { status: 'imported'; inserted: number; unchanged: number } {
    const codes = rows.map((r) => r.code);
    const twice = codes.some((c, i) => codes.indexOf(c) !== i);
    const bad = rows.some((r) => r.name === '' || (this.customers.has(r.code) && this.customers.get(r.code) !== r.name));
    if (twice || bad) return { status: 'rejected' };
    const inserted = rows.filter((r) => !this.customers.has(r.code)).length;
    for (const r of rows) this.customers.set(r.code, r.name);
    return { status: 'imported', inserted, unchanged: rows.length - inserted };
  }
}

const rowArb = fc.record({ code: fc.constantFrom('A1', 'B2', 'C3', 'D4'), name: fc.constantFrom('Acme', 'Beta', '') });
const command = fc.oneof(
  fc.record({ op: fc.constant('import' as const), variant: fc.nat(VARIANTS.length - 1), rows: fc.array(rowArb, { minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant('preview' as const), variant: fc.nat(VARIANTS.length - 1), row: rowArb }),
);

describe('the import wizard (model-based)', () => {
  it('agrees with an oracle of all-or-nothing imports and remembered mappings over random sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (commands) => {
        const t = await openTempLedger();
        try {
          const handlers: Handlers = createHandlers(t.ledger, { dailyBackups: false });
          const ok = async <T>(m: string, i: unknown) => {
            const r = await dispatch(handlers, m, i, () => undefined);
            if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
            return r.value as T;
          };
          const oracle = new Oracle();
          for (const c of commands) {
            const v = VARIANTS[c.variant];
            if (c.op === 'import') {
              const text = [v.header, ...c.rows.map((r) => v.row(r.code, r.name))].join('\n') + '\n';
              const got = await ok<ImportRunResult>('imports.run', { text, kind: 'customers', mapping: v.mapping });
              const want = oracle.import(c.rows);
              if (want.status === 'imported') {
                expect(got).toMatchObject(want);
                oracle.remembered.set(signature(v), v.mapping);
              } else {
                expect(got.status).toBe('rejected');
              }
            } else {
              const text = `${v.header}\n${v.row(c.row.code, c.row.name)}\n`;
              const seen = await ok<ImportInspection>('imports.inspect', { text });
              const remembered = oracle.remembered.get(signature(v));
              if (remembered) expect(seen).toMatchObject({ kind: 'customers', mappingSource: 'remembered', mapping: remembered });
              else expect(seen.mappingSource).toBe('suggested');
              if (seen.kind === 'customers' && seen.mapping.code === v.mapping.code && seen.mapping.name === v.mapping.name) {
                // Under the right mapping the preview checks the row as the import would.
                const wantsProblem = c.row.name === '' || (oracle.customers.has(c.row.code) && oracle.customers.get(c.row.code) !== c.row.name);
                expect(seen.rows[0].errors.length > 0).toBe(wantsProblem);
              }
            }
            const inLedger = t.ledger.db.prepare('SELECT code, name FROM customer ORDER BY code').all();
            expect(inLedger).toEqual([...oracle.customers].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => ({ code, name })));
          }
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 25 },
    );
  });
});
