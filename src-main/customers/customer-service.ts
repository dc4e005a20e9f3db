import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { ContactDetail, CustomerData, CustomerDetail, CustomerPage } from '../contract/customers';
import { Contact, Customer } from '../ledger/entities';
import { ServiceError } from '../contract/service-error';
import { recordStatusChange } from './status-change';
import { balanceSql } from './customer-card';
import { writeTransactionOrm } from '../ledger/write-transaction';
import { customerEditStamp } from '../ledger/ledger-changes';

function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function toContactDetail(c: Contact): ContactDetail {
  return { id: c.id, name: c.name, role: c.role, phone: c.phone, email: c.email, isPrimary: c.isPrimary };
}

function toDetail(c: Customer, contacts: Contact[]): CustomerDetail {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    kind: c.kind,
    email: c.email,
    phone: c.phone,
    address1: c.address1,
    address2: c.address2,
    city: c.city,
    region: c.region,
    postalCode: c.postalCode,
    country: c.country,
    termsDays: c.termsDays,
    creditLimit: c.creditLimit,
    status: c.status,
    profile: c.profile,
    collector: c.collector,
    taxId: c.taxId,
    customerSince: c.customerSince,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    contacts: contacts.map(toContactDetail),
  };
}

export class CustomerService {
  constructor(
    private readonly ds: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(input: { search: string; offset: number; limit: number }): Promise<CustomerPage> {
    const where = input.search
      ? `WHERE c.code LIKE @p ESCAPE '\\' OR c.name LIKE @p ESCAPE '\\' OR c.email LIKE @p ESCAPE '\\'
           OR EXISTS (SELECT 1 FROM contact k WHERE k.customer_id = c.id AND k.removed_at IS NULL AND (k.name LIKE @p ESCAPE '\\' OR k.email LIKE @p ESCAPE '\\'))`
      : '';
    const db = this.rawDb();
    const params = { p: likePattern(input.search) };
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM customer c ${where}`).get(params) as { n: number }).n;
    const rows = db
      .prepare(
        `SELECT c.id, c.code, c.name, c.kind, c.email, c.phone, c.city,
                (SELECT COUNT(*) FROM contact k WHERE k.customer_id = c.id AND k.removed_at IS NULL) AS contactCount,
                (SELECT k.name FROM contact k WHERE k.customer_id = c.id AND k.is_primary = 1) AS primaryContact,
                ${balanceSql('c.id')} AS balance
           FROM customer c ${where}
          ORDER BY c.code COLLATE NOCASE
          LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: input.limit, offset: input.offset }) as CustomerPage['rows'];
    return { rows, total };
  }

  async get(id: number): Promise<CustomerDetail> {
    return this.load(this.ds.manager, id);
  }

  async create(data: CustomerData): Promise<CustomerDetail> {
    return writeTransactionOrm(this.ds, async (m) => {
      await this.assertCodeFree(m, data.code);
      const stamp = this.now().toISOString();
      const customer = m.create(Customer, { ...this.customerColumns(data), createdAt: stamp, updatedAt: stamp });
      await m.save(customer);
      await this.writeContacts(m, customer.id, data.contacts, []);
      return this.load(m, customer.id);
    });
  }

  async update(id: number, data: CustomerData): Promise<CustomerDetail> {
    return writeTransactionOrm(this.ds, async (m) => {
      const existing = await m.findOneBy(Customer, { id });
      if (!existing) throw new ServiceError('not_found', `Customer ${id} does not exist.`);
      await this.assertCodeFree(m, data.code, id);
      // Same connection as the TypeORM transaction.
      await m.update(Customer, { id }, { ...this.customerColumns(data), updatedAt: customerEditStamp(this.rawDb(), this.now()) });
      const current = await m.find(Contact, { where: { customerId: id, removedAt: IsNull() } });
      await this.writeContacts(m, id, data.contacts, current);
      return this.load(m, id);
    });
  }

  /** Credit hold, COD, prepay only…: changes the status and records who, when and why, also on the timeline. */
  async setStatus(x: { id: number; status: string; reason: string; by: string | null }): Promise<CustomerDetail> {
    return writeTransactionOrm(this.ds, async (m) => {
      const existing = await m.findOneBy(Customer, { id: x.id });
      if (!existing) throw new ServiceError('not_found', `Customer ${x.id} does not exist.`);
      if (existing.status === x.status) {
        throw new ServiceError('validation', 'The customer already has that status.', { status: 'Already the status' });
      }
      // Same connection as the TypeORM transaction, so the change commits or rolls back with it.
      recordStatusChange(this.rawDb(), { customerId: x.id, status: x.status, previous: existing.status, reason: x.reason, by: x.by, at: this.now() });
      return this.load(m, x.id);
    });
  }

  private customerColumns(d: CustomerData) {
    return {
      code: d.code,
      name: d.name,
      kind: d.kind,
      email: d.email,
      phone: d.phone,
      address1: d.address1,
      address2: d.address2,
      city: d.city,
      region: d.region,
      postalCode: d.postalCode,
      country: d.country,
      termsDays: d.termsDays,
      creditLimit: d.creditLimit,
      collector: d.collector,
      taxId: d.taxId,
      customerSince: d.customerSince,
    };
  }

  private async assertCodeFree(m: EntityManager, code: string, exceptId?: number): Promise<void> {
    // The column is COLLATE NOCASE, so this finds "acme" when "ACME" exists.
    const clash = (await m.query(`SELECT id, name FROM customer WHERE code = ? AND id IS NOT ?`, [code, exceptId ?? null])) as {
      id: number;
      name: string;
    }[];
    if (clash.length > 0) {
      throw new ServiceError('conflict', `Customer code ${code} is already used by ${clash[0].name}.`, {
        code: `Code ${code} is already used by ${clash[0].name}`,
      });
    }
  }

  /**
   * Makes the stored contacts match the submitted list: ids update, no id inserts, missing
   * ones are removed. Exactly one primary when there are contacts (the first if none chosen).
   */
  private async writeContacts(
    m: EntityManager,
    customerId: number,
    submitted: CustomerData['contacts'],
    current: Contact[],
  ): Promise<void> {
    const currentIds = new Set(current.map((c) => c.id));
    submitted.forEach((c, i) => {
      if (c.id !== undefined && !currentIds.has(c.id)) {
        throw new ServiceError('validation', 'A contact in the form no longer belongs to this customer; reload and try again.', {
          [`contacts.${i}.id`]: 'Unknown contact',
        });
      }
    });
    const keep = new Set(submitted.flatMap((c) => (c.id === undefined ? [] : [c.id])));
    const removed = current.filter((c) => !keep.has(c.id)).map((c) => c.id);
    if (removed.length) await this.removeContacts(m, removed);
    // Clear primaries first so the one-primary unique index never sees two at once.
    await m.update(Contact, { customerId }, { isPrimary: false });

    const primaryIndex = Math.max(0, submitted.findIndex((c) => c.isPrimary));
    for (const [i, c] of submitted.entries()) {
      const values = { name: c.name, role: c.role, phone: c.phone, email: c.email, isPrimary: i === primaryIndex, position: i };
      if (c.id === undefined) await m.insert(Contact, { ...values, customerId });
      else await m.update(Contact, { id: c.id }, values);
    }
  }

  /**
   * A contact the timeline names is kept, marked removed and hidden everywhere else: history must
   * still say whom a call was with (the timeline is append-only, so it could not even forget).
   * A contact nothing refers to is simply deleted.
   */
  private async removeContacts(m: EntityManager, ids: number[]): Promise<void> {
    const rows = (await m.query(`SELECT DISTINCT contact_id AS id FROM activity WHERE contact_id IN (SELECT value FROM json_each(?))`, [JSON.stringify(ids)])) as { id: number }[];
    const named = rows.map((r) => r.id);
    const unused = ids.filter((id) => !named.includes(id));
    if (unused.length) await m.delete(Contact, unused);
    if (named.length) await m.update(Contact, { id: In(named) }, { removedAt: this.now().toISOString(), isPrimary: false });
  }

  private async load(m: EntityManager, id: number): Promise<CustomerDetail> {
    const customer = await m.findOneBy(Customer, { id });
    if (!customer) throw new ServiceError('not_found', `Customer ${id} does not exist.`);
    const contacts = await m.find(Contact, { where: { customerId: id, removedAt: IsNull() }, order: { position: 'ASC', id: 'ASC' } });
    return toDetail(customer, contacts);
  }

  private rawDb() {
    return (this.ds.driver as unknown as { databaseConnection: import('better-sqlite3').Database }).databaseConnection;
  }
}
