import type { ContactRole, CustomerDetail, CustomerInput, CustomerKind } from '../../../src-main/contract';
import { formatMoneyInput, parseMoneyInput } from '../../lib/money';

export const ROLE_LABELS: Record<ContactRole, string> = {
  accounts_payable: 'Accounts payable',
  principal: 'Owner / principal',
  senior_leadership: 'Senior leadership',
  purchasing: 'Purchasing',
  other: 'Other',
};

export interface ContactForm {
  /** Stable React key for rows not yet saved. */
  key: string;
  id?: number;
  name: string;
  role: ContactRole;
  phone: string;
  email: string;
  isPrimary: boolean;
}

export interface CustomerForm {
  code: string;
  name: string;
  kind: CustomerKind;
  email: string;
  phone: string;
  address1: string;
  address2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  termsDays: string;
  creditLimit: string;
  collector: string;
  taxId: string;
  /** YYYY-MM-DD, or '' for unknown. */
  customerSince: string;
  contacts: ContactForm[];
}

let keySeq = 0;
export function newContact(isPrimary: boolean): ContactForm {
  keySeq += 1;
  return { key: `new-${keySeq}`, name: '', role: 'accounts_payable', phone: '', email: '', isPrimary };
}

export function emptyForm(): CustomerForm {
  return {
    code: '',
    name: '',
    kind: 'business',
    email: '',
    phone: '',
    address1: '',
    address2: '',
    city: '',
    region: '',
    postalCode: '',
    country: '',
    termsDays: '30',
    creditLimit: '',
    collector: '',
    taxId: '',
    customerSince: '',
    contacts: [],
  };
}

export function formFromDetail(d: CustomerDetail): CustomerForm {
  return {
    code: d.code,
    name: d.name,
    kind: d.kind,
    email: d.email ?? '',
    phone: d.phone ?? '',
    address1: d.address1 ?? '',
    address2: d.address2 ?? '',
    city: d.city ?? '',
    region: d.region ?? '',
    postalCode: d.postalCode ?? '',
    country: d.country ?? '',
    termsDays: String(d.termsDays),
    creditLimit: formatMoneyInput(d.creditLimit),
    collector: d.collector ?? '',
    taxId: d.taxId ?? '',
    customerSince: d.customerSince ?? '',
    contacts: d.contacts.map((c) => ({
      key: `id-${c.id}`,
      id: c.id,
      name: c.name,
      role: c.role,
      phone: c.phone ?? '',
      email: c.email ?? '',
      isPrimary: c.isPrimary,
    })),
  };
}

/**
 * Converts the text the user typed into the service input. Only what needs parsing is
 * checked here (numbers, money); every other rule is the service's, shown from its answer.
 */
export function formToInput(f: CustomerForm): { ok: true; input: CustomerInput } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const terms = f.termsDays.trim();
  if (!/^\d+$/.test(terms)) fields.termsDays = 'Payment terms must be a whole number of days';
  const limit = parseMoneyInput(f.creditLimit);
  if (!limit.ok) fields.creditLimit = limit.message;
  if (Object.keys(fields).length > 0 || !limit.ok) return { ok: false, fields };
  return {
    ok: true,
    input: {
      code: f.code,
      name: f.name,
      kind: f.kind,
      email: f.email,
      phone: f.phone,
      address1: f.address1,
      address2: f.address2,
      city: f.city,
      region: f.region,
      postalCode: f.postalCode,
      country: f.country,
      termsDays: Number(terms),
      creditLimit: limit.value,
      collector: f.collector,
      taxId: f.taxId,
      customerSince: f.customerSince,
      contacts: f.contacts.map((c) => ({
        ...(c.id !== undefined ? { id: c.id } : {}),
        name: c.name,
        role: c.role,
        phone: c.phone,
        email: c.email,
        isPrimary: c.isPrimary,
      })),
    },
  };
}
