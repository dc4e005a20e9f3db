import fc from 'fast-check';
import type { Handlers, MailBatchResult, MailMessage, TemplateDetail } from '../../src-main/contract';
import type { Envelope } from '../../src-main/mail/compose';
import type { MailTransport } from '../../src-main/mail/transport';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { fillLetterhead } from '../support/letterhead';
import { openTempLedger } from '../support/temp-ledger';

/*
 * Model-based test of "never twice by accident". Random sequences of email batches (some with
 * `again`), retries of failed messages, the server going down and coming back, and a recipient
 * being refused and accepted again run through dispatch against a real ledger; the server is a
 * transport that counts what it delivers. The oracle keeps its own list of attempts and says,
 * from the rule alone, which attempts fail, which are sent and what arrives per customer and day;
 * after every step the ledger's attempts and the deliveries must agree with it, and nothing may
 * have arrived twice for a customer and day unless the clerk said `again`.
 */

const DAYS = ['2026-12-07', '2026-12-08'] as const;
const CUSTOMERS = 4;
/** Customer 3 has no email address. */
const addressOf = (c: number) => (c === 3 ? null : `c${c}@example.com`);

interface Real {
  handlers: Handlers;
  customerIds: number[];
  templateId: number;
  server: { down: boolean; refused: Set<string>; delivered: Map<string, number> };
}

interface Attempt {
  key: string;
  status: 'sent' | 'failed';
}

class Model {
  attempts: Attempt[] = [];
  delivered = new Map<string, number>();
  againSends = new Map<string, number>();
  down = false;
  refused = new Set<number>();

  sentBefore(key: string): boolean {
    return this.attempts.some((a) => a.key === key && a.status === 'sent');
  }

  /** A failed attempt is settled once one for its key was sent after it. */
  settled(index: number): boolean {
    return this.attempts.slice(index + 1).some((a) => a.key === this.attempts[index].key && a.status === 'sent');
  }

  attempt(c: number, key: string): void {
    const fails = this.down || this.refused.has(c);
    this.attempts.push({ key, status: fails ? 'failed' : 'sent' });
    if (!fails) this.delivered.set(key, (this.delivered.get(key) ?? 0) + 1);
  }
}

const keyOf = (c: number, day: number) => `${c}|${DAYS[day]}`;

async function ok<T>(real: Real, method: string, input: unknown): Promise<T> {
  const r = await dispatch(real.handlers, method, input, () => undefined);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

async function agree(model: Model, real: Real): Promise<void> {
  const list = (await ok<MailMessage[]>(real, 'mail.list', { limit: 1000 })).reverse();
  const index = new Map(real.customerIds.map((id, c) => [id, c]));
  expect(list.map((m) => ({ key: `${index.get(m.customerId)}|${m.letterDate}`, status: m.status }))).toEqual(model.attempts);
  expect(list.map((m) => m.settled)).toEqual(model.attempts.map((a, i) => a.status === 'sent' || model.settled(i)));
  expect(Object.fromEntries([...real.server.delivered].sort())).toEqual(Object.fromEntries([...model.delivered].sort()));
  for (const [key, n] of real.server.delivered) expect({ key, n: n <= 1 + (model.againSends.get(key) ?? 0) }).toEqual({ key, n: true });
}

class SendCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly customers: number[],
    readonly day: number,
    readonly again: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const cs = [...new Set(this.customers)];
    await ok<MailBatchResult>(real, 'mail.send', { templateId: real.templateId, customerIds: cs.map((c) => real.customerIds[c]), letterDate: DAYS[this.day], again: this.again });
    for (const c of cs) {
      const key = keyOf(c, this.day);
      if (addressOf(c) === null) continue;
      if (this.sentWas(model, key)) continue;
      if (this.again) model.againSends.set(key, (model.againSends.get(key) ?? 0) + 1);
      model.attempt(c, key);
    }
    await agree(model, real);
  }
  private sentWas(model: Model, key: string): boolean {
    return !this.again && model.sentBefore(key);
  }
  toString = () => `send(${this.customers.join(',')} on ${DAYS[this.day]}${this.again ? ', again' : ''})`;
}

class RetryCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly picks: number[]) {}
  check = (model: Readonly<Model>) => model.attempts.some((a) => a.status === 'failed');
  async run(model: Model, real: Real): Promise<void> {
    const failed = model.attempts.map((a, i) => ({ a, i })).filter(({ a }) => a.status === 'failed');
    const chosen = [...new Set(this.picks.map((p) => failed[p % failed.length].i))];
    await ok<MailBatchResult>(real, 'mail.retry', { messageIds: chosen.map((i) => i + 1) });
    for (const i of chosen) {
      if (model.settled(i)) continue;
      model.attempt(Number(model.attempts[i].key.split('|')[0]), model.attempts[i].key);
    }
    await agree(model, real);
  }
  toString = () => `retry(${this.picks.join(',')})`;
}

class ServerCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly down: boolean,
    readonly refuse: { customer: number; on: boolean } | null,
  ) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    model.down = real.server.down = this.down;
    if (this.refuse) {
      const address = addressOf(this.refuse.customer);
      if (this.refuse.on) model.refused.add(this.refuse.customer);
      else model.refused.delete(this.refuse.customer);
      if (address && this.refuse.on) real.server.refused.add(address);
      else if (address) real.server.refused.delete(address);
    }
  }
  toString = () => `server(${this.down ? 'down' : 'up'}${this.refuse ? `, ${this.refuse.on ? 'refuse' : 'accept'} ${this.refuse.customer}` : ''})`;
}

/** A server that counts deliveries by (recipient, letter date in the subject) and can be down or refuse an address. */
function countingTransport(server: Real['server']) {
  return (): MailTransport => ({
    async send(envelope: Envelope, raw: Buffer) {
      if (server.down) return { accepted: [], rejected: [], response: 'connect ECONNREFUSED 127.0.0.1:25' };
      const to = envelope.to[0];
      if (server.refused.has(to)) return { accepted: [], rejected: [to], response: `550 5.1.1 <${to}>: Recipient address rejected` };
      // The subject carries the letter's date written out: the 7th or the 8th of December.
      const written = /^Subject: Account C\d (.+)$/m.exec(raw.toString('latin1'))![1];
      const day = DAYS[Number(/\b([78])\b/.exec(written)![1]) - 7];
      const key = `${Number(/^c(\d)@/.exec(to)![1])}|${day}`;
      server.delivered.set(key, (server.delivered.get(key) ?? 0) + 1);
      return { accepted: [to], rejected: [], response: '250 Ok' };
    },
    close: () => undefined,
  });
}

describe('never twice by accident (model-based)', () => {
  it('agrees with an oracle of attempts over random batches, retries, outages and refusals', async () => {
    const commands = [
      fc.tuple(fc.array(fc.nat(CUSTOMERS - 1), { minLength: 1, maxLength: 4 }), fc.nat(DAYS.length - 1), fc.boolean()).map(([cs, day, again]) => new SendCommand(cs, day, again)),
      fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }).map((picks) => new RetryCommand(picks)),
      fc.tuple(fc.boolean(), fc.option(fc.record({ customer: fc.nat(CUSTOMERS - 1), on: fc.boolean() }), { nil: null })).map(([down, refuse]) => new ServerCommand(down, refuse)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 12 }), async (cmds) => {
        const t = await openTempLedger();
        try {
          const server = { down: false, refused: new Set<string>(), delivered: new Map<string, number>() };
          const handlers = createHandlers(t.ledger, { dailyBackups: false, mailTransport: countingTransport(server) });
          fillLetterhead(t.ledger.db);
          const real: Real = { handlers, customerIds: [], templateId: 0, server };
          for (let c = 0; c < CUSTOMERS; c++) {
            const created = await ok<{ id: number }>(real, 'customers.create', { code: `C${c}`, name: `Customer ${c}`, email: addressOf(c) });
            await ok(real, 'invoices.create', { number: `INV-${c}`, customerId: created.id, issueDate: '2026-11-01', dueDate: '2026-12-01', amount: 10_000 + c });
            real.customerIds.push(created.id);
          }
          await ok(real, 'mail.settingsSave', { host: '127.0.0.1', port: 25, tls: 'none', fromAddress: 'accounts@northwind.example' });
          real.templateId = (
            await ok<TemplateDetail>(real, 'templates.save', {
              name: 'Note',
              tone: 1,
              addressedTo: 'accounts_payable',
              subject: 'Account {{customer.code}}',
              body: 'Dear {{contact.name}},\n\nA note about your account.',
              emailSubject: 'Account {{customer.code}} {{today}}',
              emailBody: 'Dear {{contact.name}},\n\nA note about your account.',
              attachPdf: false,
            })
          ).templateId;
          await fc.asyncModelRun(() => ({ model: new Model(), real }), cmds);
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
