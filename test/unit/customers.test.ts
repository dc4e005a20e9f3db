import type { CallResult, CustomerDetail, CustomerInput, Handlers } from '../../src-main/contract';
import type { Ledger } from '../../src-main/ledger/ledger';
import { createHandlers } from '../../src-main/services/create-services';
import { openTempLedger, snapshot } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let ledger: Ledger;
let handlers: Handlers;
const { call, ok } = serviceCaller(() => handlers, () => t.ledger);

beforeEach(async () => {
  t = await openTempLedger();
  ledger = t.ledger;
  handlers = createHandlers(ledger);
});
afterEach(() => t.cleanup());


const northwind: CustomerInput = {
  code: 'NORTH-01',
  name: 'Northwind Traders',
  email: 'ap@northwind.example',
  creditLimit: 1_250_000,
  contacts: [
    { name: 'Dana Reyes', role: 'accounts_payable', email: 'dana@northwind.example', phone: '+1 (555) 010-0101 ext. 12' },
    { name: 'Sam North', role: 'principal', isPrimary: true },
  ],
};

/** Calls a method that must fail, and proves it left every table exactly as it was. */
async function rejectsAndChangesNothing(method: string, input: unknown) {
  const before = snapshot(ledger);
  const r = await call(method, input);
  expect(r.ok).toBe(false);
  expect(snapshot(ledger)).toEqual(before);
  return (r as Extract<CallResult<unknown>, { ok: false }>).error;
}

describe('customers', () => {
  it('creates a customer with contacts, trimmed text and blank optionals as null', async () => {
    const c = await ok<CustomerDetail>('customers.create', { ...northwind, name: '  Northwind Traders  ', city: '  ' });
    expect(c).toMatchObject({ code: 'NORTH-01', name: 'Northwind Traders', kind: 'business', city: null, termsDays: 30, creditLimit: 1_250_000 });
    expect(c.contacts.map((k) => [k.name, k.role, k.isPrimary])).toEqual([
      ['Dana Reyes', 'accounts_payable', false],
      ['Sam North', 'principal', true],
    ]);
    expect(await ok('customers.get', { id: c.id })).toEqual(c);
  });

  it('makes the first contact primary when none is chosen', async () => {
    const c = await ok<CustomerDetail>('customers.create', {
      code: 'C2',
      name: 'Two',
      contacts: [
        { name: 'A', role: 'purchasing' },
        { name: 'B', role: 'other' },
      ],
    });
    expect(c.contacts.map((k) => k.isPrimary)).toEqual([true, false]);
  });

  it('updates contacts in place, adds new ones, removes dropped ones and moves the primary', async () => {
    const c = await ok<CustomerDetail>('customers.create', northwind);
    const [dana, sam] = c.contacts;
    const updated = await ok<CustomerDetail>('customers.update', {
      id: c.id,
      customer: {
        ...northwind,
        name: 'Northwind Traders Ltd',
        contacts: [
          { id: dana.id, name: 'Dana Reyes-Park', role: 'accounts_payable', isPrimary: true },
          { name: 'Morgan Lee', role: 'senior_leadership', email: 'morgan@northwind.example' },
        ],
      },
    });
    expect(updated.name).toBe('Northwind Traders Ltd');
    expect(updated.contacts.map((k) => [k.id === dana.id, k.name, k.isPrimary])).toEqual([
      [true, 'Dana Reyes-Park', true],
      [false, 'Morgan Lee', false],
    ]);
    expect(updated.contacts.some((k) => k.id === sam.id)).toBe(false);
    expect(updated.createdAt).toBe(c.createdAt);
  });

  it('lists a page at a time, sorted by code, searching code, name, email and contacts', async () => {
    for (let i = 12; i >= 1; i--) {
      await ok('customers.create', {
        code: `C${String(i).padStart(2, '0')}`,
        name: i === 7 ? 'Seventh Heaven Bakery' : `Customer ${i}`,
        contacts: i === 3 ? [{ name: 'Priya Shah', role: 'accounts_payable' }] : [],
      });
    }
    const page = await ok<{ rows: { code: string }[]; total: number }>('customers.list', { offset: 5, limit: 5 });
    expect(page.total).toBe(12);
    expect(page.rows.map((r) => r.code)).toEqual(['C06', 'C07', 'C08', 'C09', 'C10']);
    const byName = await ok<{ rows: { code: string }[] }>('customers.list', { search: 'heaven' });
    expect(byName.rows.map((r) => r.code)).toEqual(['C07']);
    const byContact = await ok<{ rows: { code: string; primaryContact: string; contactCount: number }[] }>('customers.list', { search: 'priya' });
    expect(byContact.rows).toMatchObject([{ code: 'C03', primaryContact: 'Priya Shah', contactCount: 1 }]);
    // LIKE wildcards typed by the user are literal text.
    expect((await ok<{ total: number }>('customers.list', { search: '%' })).total).toBe(0);
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  beforeEach(async () => {
    await ok('customers.create', northwind);
  });

  it('an empty name', async () => {
    const e = await rejectsAndChangesNothing('customers.create', { code: 'X1', name: '   ' });
    expect(e).toMatchObject({ code: 'validation', fields: { name: 'Name is required' } });
  });

  it('a malformed email on the customer or a contact', async () => {
    const e = await rejectsAndChangesNothing('customers.create', {
      code: 'X1',
      name: 'X',
      email: 'ap-at-x.example',
      contacts: [{ name: 'A', role: 'other', email: 'a@x' }],
    });
    expect(e.fields).toEqual({
      email: 'Enter a valid email address, like name@example.com',
      'contacts.0.email': 'Enter a valid email address, like name@example.com',
    });
  });

  it('a duplicate customer code, whatever its case', async () => {
    const e = await rejectsAndChangesNothing('customers.create', { code: 'north-01', name: 'Copycat' });
    expect(e).toMatchObject({ code: 'conflict', fields: { code: 'Code north-01 is already used by Northwind Traders' } });
  });

  it('renaming a customer to another one’s code', async () => {
    const other = await ok<CustomerDetail>('customers.create', { code: 'OTHER', name: 'Other' });
    const e = await rejectsAndChangesNothing('customers.update', { id: other.id, customer: { code: 'NORTH-01', name: 'Other' } });
    expect(e.code).toBe('conflict');
  });

  it('an unknown role, a contact without a name', async () => {
    const e = await rejectsAndChangesNothing('customers.create', {
      code: 'X1',
      name: 'X',
      contacts: [
        { name: 'C', role: 'boss' },
        { name: '', role: 'other' },
      ],
    });
    expect(e.fields).toEqual({ 'contacts.0.role': 'Choose a role', 'contacts.1.name': 'Contact name is required' });
  });

  it('two primary contacts', async () => {
    const e = await rejectsAndChangesNothing('customers.create', {
      code: 'X1',
      name: 'X',
      contacts: [
        { name: 'A', role: 'other', isPrimary: true },
        { name: 'B', role: 'other', isPrimary: true },
      ],
    });
    expect(e.fields).toEqual({ 'contacts.1.isPrimary': 'Only one contact can be primary' });
  });

  it('money that is not integer minor units, terms out of range, a bad code, unknown fields', async () => {
    const e = await rejectsAndChangesNothing('customers.create', {
      code: 'has space',
      name: 'X',
      creditLimit: 12.5,
      termsDays: -1,
      nickname: 'x',
    });
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(['_', 'code', 'creditLimit', 'termsDays']);
  });

  it('a contact id that belongs to another customer', async () => {
    const other = await ok<CustomerDetail>('customers.create', { code: 'OTHER', name: 'Other', contacts: [{ name: 'Z', role: 'other' }] });
    const north = await ok<{ rows: { id: number }[] }>('customers.list', { search: 'NORTH-01' });
    const e = await rejectsAndChangesNothing('customers.update', {
      id: north.rows[0].id,
      customer: { ...northwind, contacts: [{ id: other.contacts[0].id, name: 'Stolen', role: 'other' }] },
    });
    expect(e.fields).toEqual({ 'contacts.0.id': 'Unknown contact' });
  });

  it('a customer that does not exist, and a method that does not exist', async () => {
    expect(await rejectsAndChangesNothing('customers.get', { id: 999 })).toMatchObject({ code: 'not_found' });
    expect(await rejectsAndChangesNothing('customers.update', { id: 999, customer: { code: 'Q', name: 'Q' } })).toMatchObject({
      code: 'not_found',
    });
    expect(await rejectsAndChangesNothing('customers.delete', { id: 1 })).toMatchObject({ code: 'unknown_method' });
    expect(await rejectsAndChangesNothing('__proto__', {})).toMatchObject({ code: 'unknown_method' });
  });
});

describe('removing a contact', () => {
  it('keeps one the timeline names, marked removed and hidden, so history still says whom a call was with; deletes one nothing names', async () => {
    const c = await ok<CustomerDetail>('customers.create', northwind);
    const [dana, sam] = c.contacts;
    await ok('activities.record', { customerId: c.id, occurredAt: '2026-03-02T10:00', contactId: dana.id, summary: 'Promised to check the invoice.' });

    const updated = await ok<CustomerDetail>('customers.update', { id: c.id, customer: { ...northwind, contacts: [{ name: 'Morgan Lee', role: 'accounts_payable' }] } });
    expect(updated.contacts.map((k) => [k.name, k.isPrimary])).toEqual([['Morgan Lee', true]]);
    expect(ledger.db.prepare('SELECT id, removed_at IS NOT NULL AS removed, is_primary FROM contact WHERE customer_id = ? ORDER BY id').all(c.id)).toEqual([
      { id: dana.id, removed: 1, is_primary: 0 },
      { id: updated.contacts[0].id, removed: 0, is_primary: 1 },
    ]);
    expect(ledger.db.prepare('SELECT 1 FROM contact WHERE id = ?').get(sam.id)).toBeUndefined();

    const timeline = await ok<{ items: { contactId: number | null; contactName: string | null }[] }>('timeline.list', { customerId: c.id });
    expect(timeline.items[0]).toMatchObject({ contactId: dana.id, contactName: 'Dana Reyes' });
    expect(await ok('customers.list', { search: 'Dana' })).toMatchObject({ total: 0 });
    expect(await ok('customers.list', { search: 'NORTH' })).toMatchObject({ rows: [{ contactCount: 1, primaryContact: 'Morgan Lee' }] });

    // A new entry cannot be with someone no longer a contact, and the removed one cannot be edited back through the form.
    expect(await rejectsAndChangesNothing('activities.record', { customerId: c.id, occurredAt: '2026-03-03T10:00', contactId: dana.id, summary: 'Called again.' })).toMatchObject({
      code: 'validation',
      message: 'Dana Reyes was removed from this customer’s contacts.',
    });
    expect(
      (await rejectsAndChangesNothing('customers.update', { id: c.id, customer: { ...northwind, contacts: [{ id: dana.id, name: 'Dana Reyes', role: 'accounts_payable' }] } })).fields,
    ).toEqual({ 'contacts.0.id': 'Unknown contact' });
  });
});
