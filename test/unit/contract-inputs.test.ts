import { z } from 'zod';
import { inputSchemas, type CustomerDetail, type Handlers } from '../../src-main/contract';
import { isLocalDateTime } from '../../src-main/money/dates';
import { createHandlers } from '../../src-main/services/create-services';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);
let customer: CustomerDetail;

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  customer = await ok<CustomerDetail>('customers.create', { code: 'ACME', name: 'Acme Supply Co', contacts: [{ name: 'Dana Reyes', role: 'accounts_payable' }] });
});
afterEach(() => t.cleanup());

describe('dates and times that do not exist', () => {
  const IMPOSSIBLE_TIMES = ['2026-03-31T99:99', '2026-03-31T25:00', '2026-03-31T24:00', '2026-03-31T10:60', '2026-02-30T10:00', '2026-13-01T10:00', '2026-03-31 10:00', '2026-03-31T10:00:00'];

  it('knows a real local date and time to the minute', () => {
    expect(['2026-03-31T00:00', '2026-03-31T23:59', '2028-02-29T12:30'].every(isLocalDateTime)).toBe(true);
    expect(IMPOSSIBLE_TIMES.concat(['2027-02-29T12:30', '']).some(isLocalDateTime)).toBe(false);
  });

  it('are refused by activities.record before anything is written', async () => {
    for (const occurredAt of IMPOSSIBLE_TIMES) {
      const e = await refused('activities.record', { customerId: customer.id, occurredAt, summary: 'Called.' });
      expect({ occurredAt, e }).toEqual({ occurredAt, e: expect.objectContaining({ code: 'validation', fields: { occurredAt: 'The date and time must be a real date and time like 2026-03-31T14:05' } }) });
    }
    await ok('activities.record', { customerId: customer.id, occurredAt: '2026-03-31T23:59', summary: 'Called.' });
  });

  it('are refused by deliveries.confirm before anything is written', async () => {
    const answers = { onTime: true, intact: true, invoiceReceived: true, pricingCorrect: true, nothingBlocking: true };
    for (const occurredAt of IMPOSSIBLE_TIMES) {
      expect((await refused('deliveries.confirm', { taskId: 1, occurredAt, answers })).fields).toEqual({ occurredAt: 'The date and time must be a real date and time like 2026-03-31T14:05' });
    }
  });

  it('are refused wherever a date is taken, with the field named', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['customers.card', { id: customer.id, asOf: '2026-02-30' }, 'asOf'],
      ['activities.record', { customerId: customer.id, occurredAt: '2026-03-31T10:00', summary: 'x', followUpDate: '2026-04-31' }, 'followUpDate'],
      ['payments.record', { reference: 'P1', customerId: customer.id, date: '2026-02-29', amount: 100 }, 'date'],
      ['reports.disputes', { asOf: '2026-00-10' }, 'asOf'],
      ['disputes.resolve', { id: 1, resolution: 'no_credit', date: '2026-09-31' }, 'date'],
      ['worklist.list', { today: '2026-02-30' }, 'today'],
      ['plans.sign', { id: 1, signedOn: '2026-06-31', signedBy: 'Pat' }, 'signedOn'],
      ['certified.log', { date: `2026-01-01${' '.repeat(10_000)}` }, 'date'],
    ];
    for (const [method, input, field] of cases) {
      const e = await refused(method, input);
      expect({ method, code: e.code, message: e.fields?.[field] }).toEqual({ method, code: 'validation', message: expect.stringMatching(/ must be a real date like 2026-03-31$/) });
    }
    await ok('customers.card', { id: customer.id, asOf: '2028-02-29' });
  });
});

describe('no request can ask for unbounded work', () => {
  /** A string is bounded by a maximum length, a fixed set of values, a format, or an anchored pattern without * or +. */
  function unbounded(schema: Record<string, unknown>, at: string, out: string[]): string[] {
    const bounded = (s: Record<string, unknown>) =>
      s.maxLength !== undefined || s.enum !== undefined || s.const !== undefined || s.format !== undefined || (typeof s.pattern === 'string' && /^\^[^*+]*\$$/.test(s.pattern) && !/\{\d+,\}/.test(s.pattern));
    if (schema.type === 'string' && !bounded(schema)) out.push(`${at}: a string without a maximum length`);
    if (schema.type === 'array' && schema.maxItems === undefined) out.push(`${at}: a list without a maximum number of items`);
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties') for (const [name, sub] of Object.entries(value as Record<string, Record<string, unknown>>)) unbounded(sub, `${at}.${name}`, out);
      else if (Array.isArray(value)) value.forEach((sub: unknown, i) => typeof sub === 'object' && sub !== null && unbounded(sub as Record<string, unknown>, `${at}[${i}]`, out));
      else if (typeof value === 'object' && value !== null) unbounded(value as Record<string, unknown>, `${at}/${key}`, out);
    }
    return out;
  }

  it('every string and every list in every method’s input has a limit', () => {
    const found = Object.entries(inputSchemas).flatMap(([method, schema]) =>
      unbounded(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>, method, []),
    );
    expect(found).toEqual([]);
  });

  it('a list or a string over its limit is refused with a message, changing nothing', async () => {
    expect((await refused('timeline.list', { customerId: customer.id, kinds: Array(20).fill('call') })).code).toBe('validation');
    expect((await refused('letters.send', { templateId: 1, customerIds: Array.from({ length: 5001 }, (_, i) => i + 1), letterDate: '2026-03-31', channel: 'mail' })).fields).toEqual({
      customerIds: 'At most 5,000 letters in one batch',
    });
    expect((await refused('activities.record', { customerId: customer.id, occurredAt: '2026-03-31T10:00', summary: 'x'.repeat(4001) })).fields).toEqual({
      summary: 'Keep the summary under 4,000 characters',
    });
    expect((await refused('certified.record', { letterId: 1, trackingNumber: '9'.repeat(65), mailedOn: '2026-03-31' })).fields).toEqual({
      trackingNumber: 'That is too long for a tracking number',
    });
  });
});
