import fc from 'fast-check';
import type { CallResult, Handlers, LettersReview, LettersSent } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { openTempLedger } from '../support/temp-ledger';

/*
 * Model-based test of the letterhead rule. Random sequences of Settings changes (blanking a field,
 * putting the new ledger's "Our company" back), new versions of a template that uses some sender
 * fields and not others, reviews and sends go through dispatch to a real ledger. The oracle keeps
 * the settings and the template's fields and says, from those alone, which Settings fields are
 * missing; the review must list exactly those, and a send must be refused naming each of them,
 * or go through and be recorded when there are none.
 */

const TODAY = '2026-11-23';
/** Sends that went through, over all runs: the property must reach both sides of the rule. */
let sentInAll = 0;
const SETTINGS = ['companyName', 'companyAddress', 'companyPhone', 'companyEmail', 'clerkName', 'clerkPhone'] as const;
type Setting = (typeof SETTINGS)[number];
const LABEL: Record<Setting, string> = {
  companyName: 'Company name',
  companyAddress: 'Company address',
  companyPhone: 'Company phone',
  companyEmail: 'Company email',
  clerkName: 'Your name',
  clerkPhone: 'Your direct phone',
};
const FIELD: Record<Setting, string> = {
  companyName: 'company.name',
  companyAddress: 'company.address',
  companyPhone: 'company.phone',
  companyEmail: 'company.email',
  clerkName: 'clerk.name',
  clerkPhone: 'clerk.phone',
};
const FILLED: Record<Setting, string> = {
  companyName: 'Northwind Supplies',
  companyAddress: '1 Harbour Road',
  companyPhone: '217 555 0100',
  companyEmail: 'accounts@northwind.example',
  clerkName: 'Sam Carter',
  clerkPhone: '217 555 0101',
};

interface Model {
  settings: Record<Setting, string>;
  /** The sender fields the template's current version uses. */
  uses: Set<Setting>;
  letters: number;
}

/** What is missing, worked out from the model: every letter prints the company name and address. */
function missing(m: Model): string[] {
  const out: string[] = [];
  for (const s of SETTINGS) {
    const needed = s === 'companyName' || s === 'companyAddress' || m.uses.has(s);
    if (!needed) continue;
    const v = m.settings[s];
    const blank = s === 'companyName' ? v === 'Our company' : s === 'clerkPhone' ? v === '' && m.settings.companyPhone === '' : v === '';
    if (blank) out.push(LABEL[s]);
  }
  return out.sort();
}

interface Real {
  call(method: string, input: unknown): Promise<CallResult<unknown>>;
  templateId: number;
  customerId: number;
  version: number;
}

async function ok<T>(r: Real, method: string, input: unknown): Promise<T> {
  const res = await r.call(method, input);
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

class SetSetting implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly setting: Setting,
    readonly filled: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    // A company name cannot be blank: the way back to an unsigned letter is the placeholder.
    const value = this.filled ? FILLED[this.setting] : this.setting === 'companyName' ? 'Our company' : '';
    await ok(r, 'letters.settingsUpdate', { [this.setting]: value });
    m.settings[this.setting] = value;
  }
  toString = () => `set ${this.setting} ${this.filled ? 'filled' : 'blank'}`;
}

/** The clerk fills the whole form in Settings at once. */
class FillLetterhead implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    await ok(r, 'letters.settingsUpdate', FILLED);
    m.settings = { ...FILLED };
  }
  toString = () => 'fill the letterhead';
}

class SaveTemplate implements fc.AsyncCommand<Model, Real> {
  constructor(readonly uses: Setting[]) {}
  check = () => true;
  async run(m: Model, r: Real) {
    r.version += 1;
    const sender = this.uses.map((s) => `{{${FIELD[s]}}}`).join('\n');
    await ok(r, 'templates.save', {
      id: r.templateId,
      name: 'Model letter',
      tone: 2,
      addressedTo: 'accounts_payable',
      subject: 'Account {{customer.code}}',
      // The version number keeps every save a change, even with the same fields.
      body: `Dear {{contact.name}},\n\nVersion ${r.version}.\n\n{{open_items_table}}\n\n${sender}`,
    });
    m.uses = new Set(this.uses);
  }
  toString = () => `template uses ${this.uses.join(', ') || 'no sender fields'}`;
}

class Review implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    const review = await ok<LettersReview>(r, 'letters.review', { templateId: r.templateId, customerIds: [r.customerId], letterDate: TODAY, channel: 'mail' });
    expect(review.letterhead.map((g) => g.label).sort()).toEqual(missing(m));
    expect(review.letterheadMessage === null).toBe(missing(m).length === 0);
  }
  toString = () => 'review';
}

class Send implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await r.call('letters.send', { templateId: r.templateId, customerIds: [r.customerId], letterDate: TODAY, channel: 'mail' });
    const expected = missing(m);
    if (expected.length > 0) {
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('validation');
      for (const label of expected) expect(res.error.message).toContain(label);
      expect(res.error.fields?.letterhead?.split(', ').sort()).toEqual(expected);
    } else {
      expect(res.ok).toBe(true);
      if (res.ok) expect((res.value as LettersSent).letters).toHaveLength(1);
      m.letters += 1;
      sentInAll += 1;
    }
    const recorded = await ok<unknown[]>(r, 'letters.list', { customerId: r.customerId });
    expect(recorded).toHaveLength(m.letters);
  }
  toString = () => 'send';
}

describe('the letterhead rule (model-based)', () => {
  it('agrees with an oracle of the settings and the template’s fields over random edits, reviews and sends', async () => {
    const setting = fc.constantFrom(...SETTINGS);
    const commands = [
      fc.tuple(setting, fc.boolean()).map(([s, filled]) => new SetSetting(s, filled)),
      fc.constant(new FillLetterhead()),
      fc.subarray([...SETTINGS]).map((uses) => new SaveTemplate(uses)),
      fc.constant(new Review()),
      fc.constant(new Send()),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 12 }), async (cmds) => {
        const t = await openTempLedger();
        try {
          const handlers: Handlers = createHandlers(t.ledger, { dailyBackups: false });
          const call = (method: string, input: unknown) => dispatch(handlers, method, input, () => undefined);
          const real: Real = { call, templateId: 0, customerId: 0, version: 0 };
          const c = await ok<{ id: number }>(real, 'customers.create', { code: 'ACME', name: 'Acme Supply Co', address1: '4 Market Street', city: 'Springfield' });
          await ok(real, 'invoices.create', { number: 'INV-1', customerId: c.id, issueDate: '2026-10-06', dueDate: '2026-11-05', amount: 120_050 });
          const saved = await ok<{ templateId: number }>(real, 'templates.save', {
            name: 'Model letter',
            tone: 2,
            addressedTo: 'accounts_payable',
            subject: 'Account {{customer.code}}',
            body: 'Dear {{contact.name}},\n\n{{open_items_table}}',
          });
          real.templateId = saved.templateId;
          real.customerId = c.id;
          // A new ledger: the placeholder name and nothing else.
          const model: Model = { settings: { ...Object.fromEntries(SETTINGS.map((s) => [s, ''])), companyName: 'Our company' } as Model['settings'], uses: new Set(), letters: 0 };
          await fc.asyncModelRun(() => ({ model, real }), cmds);
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 30 },
    );
    expect(sentInAll).toBeGreaterThan(0);
  }, 180_000);
});
