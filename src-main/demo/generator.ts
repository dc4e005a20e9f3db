/**
 * Deterministic synthetic ledgers for demos and benchmarks.
 *
 * Everything derives from (seed, customers, invoicesPerCustomer, today). Each customer has its
 * own sub-seeds, one per stream (traits, identity, invoices, settlement), so any generator can
 * rebuild one customer's invoices and their settlement on its own: demoPayments recomputes the
 * invoices it pays instead of remembering them, and memory stays bounded by the largest single
 * customer rather than by the ledger (benchmarks produce a million invoices).
 *
 * The settlement plan is shaped so that what the importer will do matches what we intend:
 * - payments and credits that name an invoice never add up to more than it, except for the few
 *   designated overpaying customers (demoOverpayerCodes), whose surplus is deliberate;
 * - customers who remit without references pay their invoices in full, in issue order, with
 *   non-decreasing dates and get no invoice-specific credits, so oldest-first allocation lands
 *   exactly where we meant it to;
 * - an unnamed payment on account is the customer's last payment and exceeds what they still owe,
 *   so its surplus stays unapplied whatever the allocation order.
 */

import { dayNumber, fromDayNumber, isIsoDate } from '../money/dates';
import { fmix32, Rng, subSeed } from './random';
import {
  MONTHS,
  PLACE_WORDS,
  PLACE_TAILS,
  TRADES,
  INDUSTRIES,
  ORG_SUFFIXES,
  SURNAMES,
  FIRST_NAMES,
  STREETS,
  STREET_TYPES,
  PLACES,
  BUSINESS_DESCRIPTIONS,
  CONSUMER_DESCRIPTIONS,
  CREDIT_REASONS,
  GOODWILL_REASONS,
} from './word-lists';

export interface DemoOptions {
  customers: number;
  /** Average; the total is customers × invoicesPerCustomer (rounded), exactly. Default 10. */
  invoicesPerCustomer?: number;
  /** Default 1. */
  seed?: number;
  /** 'YYYY-MM-DD'; nothing is dated after it. */
  today: string;
  /** The ledger's currency (ISO 4217, two decimals like every ledger's). Default USD. */
  currency?: string;
}

export type DemoContactRole = 'accounts_payable' | 'principal' | 'senior_leadership' | 'purchasing' | 'other';

export interface DemoContact {
  name: string;
  role: DemoContactRole;
  phone: string | null;
  email: string | null;
  isPrimary: boolean;
}

export interface DemoCustomer {
  code: string;
  name: string;
  kind: 'business' | 'consumer';
  email: string | null;
  phone: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  termsDays: number;
  creditLimit: number | null;
  /** Businesses only: what a credit bureau matches them by, and when the account was opened. */
  taxId: string | null;
  customerSince: string | null;
  contacts: DemoContact[];
}

export interface DemoInvoice {
  number: string;
  customerCode: string;
  issueDate: string;
  dueDate: string;
  /** Cents, > 0. */
  amount: number;
  currency: string;
  poNumber: string | null;
  description: string | null;
}

export interface DemoPayment {
  reference: string;
  customerCode: string;
  date: string;
  amount: number;
  invoiceNumber: string | null;
  method: string | null;
}

export interface DemoCredit {
  number: string;
  customerCode: string;
  date: string;
  amount: number;
  invoiceNumber: string | null;
  reason: string | null;
}

const STREAM_TRAITS = 1;
const STREAM_IDENTITY = 2;
const STREAM_INVOICES = 3;
const STREAM_SETTLEMENT = 4;
// Its own stream, so adding the bureau fields left every other generated value as it was.
const STREAM_BUREAU = 5;

// ---------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01, UTC): arithmetic stays in integers.

function parseDay(s: string): number {
  if (!isIsoDate(s)) throw new Error(`Not a valid YYYY-MM-DD date: "${s}"`);
  return dayNumber(s);
}

const formatDay = fromDayNumber;

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

type Method = 'check' | 'ACH' | 'wire' | 'card';
const METHODS: readonly Method[] = ['check', 'ACH', 'wire', 'card'];

// ---------------------------------------------------------------------------------------------
// Context and customer traits

interface Ctx {
  base: number;
  customers: number;
  totalInvoices: number;
  /** Every customer gets `floor` invoices; `extra` more are shared out by weight. */
  floor: number;
  extra: number;
  weightSum: number;
  /** extra × weightSum fits a double exactly, so shares can skip BigInt. */
  exactShares: boolean;
  today: number;
  windowStart: number;
  codeWidth: number;
  invoiceWidth: number;
  paymentWidth: number;
  creditWidth: number;
  forcedOverpayer: number;
  forcedChronic: number;
  dates: Map<number, string>;
}

type Overpay = 'duplicate' | 'overpaid' | 'on_account';

interface Traits {
  kind: 'business' | 'consumer';
  weight: number;
  termsDays: number;
  lateMean: number;
  lateSpread: number;
  pDispute: number;
  pPartial: number;
  pCredit: number;
  startDay: number;
  medianCents: number;
  amountSigma: number;
  recurringCents: number | null;
  poRate: number;
  poStyle: number;
  remitsWithoutReference: boolean;
  overpay: Overpay | null;
  goodwillCredit: boolean;
  method: Method;
}

const TWO_YEARS = 730;

function digits(n: number): number {
  return String(Math.max(0, Math.floor(n))).length;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function makeCtx(o: DemoOptions): Ctx {
  const customers = o.customers;
  if (!Number.isSafeInteger(customers) || customers < 0) throw new Error('customers must be a whole number ≥ 0');
  const perCustomer = o.invoicesPerCustomer ?? 10;
  if (!Number.isFinite(perCustomer) || perCustomer < 0) throw new Error('invoicesPerCustomer must be ≥ 0');
  const seed = o.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new Error('seed must be a whole number');
  const today = parseDay(o.today);
  // Mix both halves of the seed so seeds differing only above 2^32 still differ.
  const base = fmix32((fmix32(Math.floor(seed / 4294967296) >>> 0) ^ (seed >>> 0) ^ 0x9e3779b9) >>> 0);
  const totalInvoices = Math.round(customers * perCustomer);
  const floor = customers > 0 && totalInvoices >= customers ? 1 : 0;
  const ctx: Ctx = {
    base,
    customers,
    totalInvoices,
    floor,
    extra: totalInvoices - floor * customers,
    weightSum: 0,
    exactShares: true,
    today,
    windowStart: today - TWO_YEARS,
    codeWidth: Math.max(6, digits(customers)),
    invoiceWidth: Math.max(7, digits(totalInvoices)),
    // Upper bounds on how many can exist, so zero padding never overflows.
    paymentWidth: Math.max(7, digits(4 * totalInvoices + customers)),
    creditWidth: Math.max(6, digits(totalInvoices + customers)),
    // Small demos still show one overpayer and one chronically late account.
    forcedOverpayer: customers >= 50 ? Math.floor(customers * 0.37) : -1,
    forcedChronic: customers >= 20 ? Math.floor(customers * 0.61) : -1,
    dates: new Map(),
  };
  let sum = 0;
  for (let i = 0; i < customers; i++) sum += traitsOf(ctx, i).weight;
  ctx.weightSum = sum;
  ctx.exactShares = ctx.extra * sum <= Number.MAX_SAFE_INTEGER;
  return ctx;
}

function dateOf(ctx: Ctx, day: number): string {
  let s = ctx.dates.get(day);
  if (s === undefined) {
    s = formatDay(day);
    ctx.dates.set(day, s);
  }
  return s;
}

function traitsOf(ctx: Ctx, i: number): Traits {
  const r = new Rng(subSeed(ctx.base, i, STREAM_TRAITS));
  const kind = r.chance(0.85) ? 'business' : 'consumer';
  const business = kind === 'business';
  // Log-normal weights give a long tail: a few key accounts carry many invoices.
  const z = Math.max(-3, Math.min(4, r.normal()));
  const weight = business ? Math.max(1, Math.round(1000 * Math.exp(1.0 * z))) : Math.max(1, Math.round(250 * Math.exp(0.6 * z)));
  const termsDays = business
    ? r.weighted([[15, 10], [30, 50], [45, 20], [60, 20]] as const)
    : r.weighted([[15, 40], [30, 60]] as const);

  let profile = r.weighted([['prompt', 35], ['normal', 40], ['slow', 18], ['very_slow', 4], ['chronic', 3]] as const);
  if (i === ctx.forcedChronic) profile = 'chronic';
  const lateness = {
    prompt: [-3, 3, 3],
    normal: [3, 15, 6],
    slow: [15, 45, 12],
    very_slow: [45, 90, 20],
    chronic: [90, 200, 40],
  }[profile];
  const lateMean = r.int(lateness[0], lateness[1]);
  const lateSpread = lateness[2];
  const chronic = profile === 'chronic';
  const pDispute = (chronic ? 0.1 : business ? 0.012 : 0.02) * (r.float() * 1.5 + 0.25);
  const pPartial = chronic ? 0.15 : business ? 0.02 : 0.06;

  // Some customers arrived during the window; the rest span all of it.
  const startDay = r.chance(0.15) ? ctx.windowStart + r.int(0, TWO_YEARS - 180) : ctx.windowStart;
  const medianCents = business
    ? Math.min(2_000_000, Math.max(8_000, Math.round(180_000 * Math.exp(0.9 * r.normal()))))
    : Math.min(200_000, Math.max(6_000, Math.round(25_000 * Math.exp(0.6 * r.normal()))));
  const amountSigma = 0.5 + r.float() * 0.4;
  const recurringCents = business && r.chance(0.15) ? Math.round(medianCents / 100) * 100 : null;
  const poRate = business && r.chance(0.45) ? 0.8 + r.float() * 0.2 : 0;
  const poStyle = r.int(0, 2);

  let remitsWithoutReference = r.chance(0.08);
  let overpay: Overpay | null = null;
  const overpayRoll = r.float();
  const overpayKind = r.weighted([['duplicate', 45], ['overpaid', 35], ['on_account', 20]] as const);
  if (i === ctx.forcedOverpayer || (business && !remitsWithoutReference && overpayRoll < 0.012)) {
    overpay = overpayKind;
    remitsWithoutReference = false;
  }
  const goodwillCredit = overpay === null && r.chance(0.006);
  // Credits named on an invoice would fight oldest-first allocation or an overpayment's surplus.
  const pCredit = remitsWithoutReference || overpay !== null || goodwillCredit ? 0 : business ? 0.012 : 0.006;
  const method: Method = business
    ? r.weighted([['ACH', 45], ['check', 35], ['wire', 12], ['card', 8]] as const)
    : r.weighted([['card', 60], ['check', 20], ['ACH', 20]] as const);
  return {
    kind, weight, termsDays, lateMean, lateSpread, pDispute, pPartial, pCredit, startDay, medianCents, amountSigma,
    recurringCents, poRate, poStyle, remitsWithoutReference, overpay, goodwillCredit, method,
  };
}

function customerCode(ctx: Ctx, i: number): string {
  return `C${pad(i + 1, ctx.codeWidth)}`;
}

interface Slot {
  index: number;
  code: string;
  traits: Traits;
  /** Zero-based ledger-wide number of this customer's first invoice. */
  firstInvoice: number;
  invoiceCount: number;
}

/** floor(extra × cum / weightSum): monotone in cum and equal to extra at the end, so counts sum exactly. */
function shareOf(ctx: Ctx, cum: number): number {
  if (ctx.weightSum === 0) return 0;
  if (ctx.exactShares) return Math.floor((ctx.extra * cum) / ctx.weightSum);
  return Number((BigInt(ctx.extra) * BigInt(cum)) / BigInt(ctx.weightSum));
}

function* slots(ctx: Ctx): Generator<Slot> {
  let cum = 0;
  let before = 0;
  let next = 0;
  for (let i = 0; i < ctx.customers; i++) {
    const traits = traitsOf(ctx, i);
    cum += traits.weight;
    const upTo = shareOf(ctx, cum);
    const invoiceCount = ctx.floor + upTo - before;
    before = upTo;
    yield { index: i, code: customerCode(ctx, i), traits, firstInvoice: next, invoiceCount };
    next += invoiceCount;
  }
}

// ---------------------------------------------------------------------------------------------
// Customers

function person(r: Rng): [string, string] {
  return [r.pick(FIRST_NAMES), r.pick(SURNAMES)];
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[^A-Za-z0-9 ]/g, '')
    .toLowerCase()
    .split(' ')
    .filter((w) => w && !['inc', 'llc', 'llp', 'co', 'ltd', 'group', 'partners', 'the', 'and'].includes(w))
    .join('');
}

function emailLocal(first: string, last: string): string {
  return `${slug(first)}.${slug(last)}`;
}

function businessName(r: Rng): string {
  const pattern = r.weighted([['place', 30], ['industry', 25], ['pair', 12], ['family', 20], ['firm', 4], ['brothers', 4], ['bare', 5]] as const);
  switch (pattern) {
    case 'place':
      return `${r.pick(PLACE_WORDS)} ${r.pick(PLACE_TAILS)} ${r.pick(TRADES)}`;
    case 'industry':
      return `${r.pick(PLACE_WORDS)} ${r.pick(INDUSTRIES)}`;
    case 'pair':
      return `${r.pick(SURNAMES)} & ${r.pick(SURNAMES)} ${r.pick(['LLP', 'Partners', 'Associates', 'Co.'])}`;
    case 'family':
      return `${r.pick(SURNAMES)} ${r.pick(r.chance(0.5) ? TRADES : INDUSTRIES)}`;
    case 'firm':
      // The comma makes sure every CSV consumer meets a quoted field.
      return `${r.pick(SURNAMES)}, ${r.pick(SURNAMES)} & ${r.pick(SURNAMES)} LLP`;
    case 'brothers':
      return `${r.pick(SURNAMES)} Brothers ${r.pick(TRADES)}`;
    case 'bare':
      return `${r.pick(PLACE_WORDS)}${r.pick(['tech', 'works', 'line', 'point'])} ${r.pick(ORG_SUFFIXES)}`;
  }
}

function phoneNumber(r: Rng, areaCode: string): string {
  // 555-01xx is reserved for fiction, so no demo number reaches a real line.
  return `(${areaCode}) 555-01${pad(r.int(0, 99), 2)}`;
}

function postalCode(r: Rng, prefix: string, country: string): string {
  if (country === 'CA') {
    const letters = 'ABCEGHJKLMNPRSTVWXYZ';
    return `${prefix} ${r.int(1, 9)}${r.pick([...letters])}${r.int(0, 9)}`;
  }
  return `${prefix}${pad(r.int(1, 99), 2)}`;
}

function buildCustomer(ctx: Ctx, s: Slot): DemoCustomer {
  const r = new Rng(subSeed(ctx.base, s.index, STREAM_IDENTITY));
  const t = s.traits;
  const business = t.kind === 'business';
  const [city, region, postalPrefix, areaCode, country] = r.pick(PLACES);
  const hasAddress = business || r.chance(0.9);
  const street = `${r.int(1, 9899)} ${r.pick(STREETS)} ${r.pick(STREET_TYPES)}`;
  const address2 = business
    ? r.chance(0.35)
      ? r.pick([`Suite ${r.int(100, 950)}`, `Unit ${r.int(1, 40)}`, `Floor ${r.int(2, 12)}`, 'Building B'])
      : null
    : r.chance(0.15)
      ? `Apt ${r.int(1, 60)}`
      : null;
  const postal = postalCode(r, postalPrefix, country);
  const phone = phoneNumber(r, areaCode);

  let name: string;
  let email: string | null;
  const contacts: DemoContact[] = [];
  if (business) {
    name = businessName(r);
    const domain = `${slug(name).slice(0, 40) || 'company'}.example`;
    email = r.chance(0.9) ? `${r.pick(['ap', 'accounts', 'billing', 'payables'])}@${domain}` : null;
    const ap = person(r);
    contacts.push({
      name: `${ap[0]} ${ap[1]}`,
      role: 'accounts_payable',
      phone: r.chance(0.8) ? `${phone} x${r.int(100, 399)}` : phone,
      email: r.chance(0.85) ? `${emailLocal(ap[0], ap[1])}@${domain}` : email,
      isPrimary: true,
    });
    const extra: DemoContactRole[] = [];
    if (r.chance(0.6)) extra.push('principal');
    if (r.chance(0.25)) extra.push('senior_leadership');
    if (extra.length < 2 && r.chance(0.1)) extra.push('purchasing');
    for (const role of extra) {
      const p = person(r);
      contacts.push({
        name: `${p[0]} ${p[1]}`,
        role,
        phone: r.chance(0.7) ? phoneNumber(r, areaCode) : null,
        email: r.chance(0.9) ? `${emailLocal(p[0], p[1])}@${domain}` : null,
        isPrimary: false,
      });
    }
  } else {
    const p = person(r);
    name = `${p[0]} ${p[1]}`;
    email = r.chance(0.7) ? `${emailLocal(p[0], p[1])}${r.int(1, 99)}@mail.example` : null;
  }

  let creditLimit: number | null = null;
  if (business ? r.chance(0.85) : r.chance(0.4)) {
    creditLimit = business
      ? Math.max(100_000, Math.ceil((t.medianCents * r.int(4, 20)) / 100_000) * 100_000)
      : r.int(1, 10) * 50_000;
  }

  return {
    code: s.code,
    name,
    kind: t.kind,
    email,
    phone: business || r.chance(0.8) ? phone : null,
    address1: hasAddress ? street : null,
    address2: hasAddress ? address2 : null,
    city: hasAddress ? city : null,
    region: hasAddress ? region : null,
    postalCode: hasAddress ? postal : null,
    country: hasAddress ? country : null,
    termsDays: t.termsDays,
    creditLimit,
    ...bureauIdentity(ctx, s, country),
    contacts,
  };
}

/** A business's tax ID in its country's usual shape (US EIN 12-3456789, Canadian BN 123456789) and an account opened before its first invoice in the window. */
function bureauIdentity(ctx: Ctx, s: Slot, country: string): Pick<DemoCustomer, 'taxId' | 'customerSince'> {
  if (s.traits.kind !== 'business') return { taxId: null, customerSince: null };
  const r = new Rng(subSeed(ctx.base, s.index, STREAM_BUREAU));
  const taxId = country === 'CA' ? `${r.int(100_000_000, 999_999_999)}` : `${pad(r.int(10, 99), 2)}-${pad(r.int(1_000_000, 9_999_999), 7)}`;
  return { taxId, customerSince: dateOf(ctx, s.traits.startDay - r.int(0, 720)) };
}

// ---------------------------------------------------------------------------------------------
// Invoices

interface PlannedInvoice {
  number: string;
  issueDay: number;
  dueDay: number;
  amount: number;
  poNumber: string | null;
  description: string | null;
}

const MIN_INVOICE = 5_000;
const MAX_INVOICE = 5_000_000;

function issueDayIn(r: Rng, from: number, to: number): number {
  let d = r.int(from, to);
  // Few businesses bill at weekends: move Saturday and Sunday to the Friday before.
  const wd = weekday(d);
  if (wd === 6 && d - 1 >= from) d -= 1;
  else if (wd === 0 && d - 2 >= from) d -= 2;
  return d;
}

function invoiceAmount(r: Rng, t: Traits): number {
  if (t.recurringCents !== null && r.chance(0.5)) return t.recurringCents;
  let c = Math.round(t.medianCents * Math.exp(t.amountSigma * r.normal()));
  if (r.chance(0.35)) c = Math.round(c / 100) * 100;
  return Math.min(MAX_INVOICE, Math.max(MIN_INVOICE, c));
}

function poNumber(r: Rng, t: Traits, issueDay: number): string | null {
  if (!r.chance(t.poRate)) return null;
  switch (t.poStyle) {
    case 0:
      return `PO-${pad(r.int(1, 99999), 5)}`;
    case 1:
      return `4500${pad(r.int(0, 999999), 6)}`;
    default:
      return `P${formatDay(issueDay).slice(0, 4)}-${pad(r.int(1, 9999), 4)}`;
  }
}

function description(r: Rng, t: Traits, issueDay: number): string | null {
  if (r.chance(0.15)) return null;
  if (t.kind === 'consumer') return r.pick(CONSUMER_DESCRIPTIONS);
  if (t.recurringCents !== null && r.chance(0.5)) {
    const d = formatDay(issueDay);
    return `Monthly service, ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
  }
  return r.pick(BUSINESS_DESCRIPTIONS);
}

function planInvoices(ctx: Ctx, s: Slot): PlannedInvoice[] {
  const r = new Rng(subSeed(ctx.base, s.index, STREAM_INVOICES));
  const t = s.traits;
  const days: number[] = [];
  for (let k = 0; k < s.invoiceCount; k++) days.push(issueDayIn(r, t.startDay, ctx.today));
  days.sort((a, b) => a - b);
  const out: PlannedInvoice[] = [];
  for (let k = 0; k < days.length; k++) {
    const issueDay = days[k];
    out.push({
      number: `INV-${pad(s.firstInvoice + k + 1, ctx.invoiceWidth)}`,
      issueDay,
      dueDay: issueDay + t.termsDays,
      amount: invoiceAmount(r, t),
      poNumber: poNumber(r, t, issueDay),
      description: description(r, t, issueDay),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Settlement: payments and credits for one customer

interface PlannedPayment {
  day: number;
  amount: number;
  invoiceNumber: string | null;
  method: Method | null;
}

interface PlannedCredit {
  day: number;
  amount: number;
  invoiceNumber: string | null;
  reason: string | null;
}

function methodFor(r: Rng, t: Traits, amount: number): Method | null {
  if (r.chance(0.02)) return null;
  if (t.kind === 'business' && amount >= 2_000_000 && r.chance(0.5)) return 'wire';
  return r.chance(0.85) ? t.method : r.pick(METHODS);
}

function payDayFor(r: Rng, t: Traits, inv: PlannedInvoice): number {
  let late = t.lateMean + r.normal() * t.lateSpread;
  // Now and then even a good payer sits on an invoice for a month or three.
  if (r.chance(0.05)) late += r.int(20, 90);
  return Math.max(inv.issueDay + 1, inv.dueDay + Math.round(late));
}

function planSettlement(ctx: Ctx, s: Slot, invoices: PlannedInvoice[]): { payments: PlannedPayment[]; credits: PlannedCredit[] } {
  const r = new Rng(subSeed(ctx.base, s.index, STREAM_SETTLEMENT));
  const t = s.traits;
  const today = ctx.today;
  const payments: PlannedPayment[] = [];
  const credits: PlannedCredit[] = [];
  /** What each invoice still owes after the plan, to size a payment on account. */
  let owed = 0;

  if (t.remitsWithoutReference) {
    // Whole invoices, oldest first, never earlier than the previous remittance: exactly what
    // oldest-first allocation will reproduce.
    let last = 0;
    let stopped = false;
    for (const inv of invoices) {
      const day = Math.max(payDayFor(r, t, inv), last);
      if (stopped || day > today) {
        stopped = true;
        owed += inv.amount;
        continue;
      }
      payments.push({ day, amount: inv.amount, invoiceNumber: null, method: methodFor(r, t, inv.amount) });
      last = day;
    }
  } else {
    for (const inv of invoices) {
      let remaining = inv.amount;
      const payDay = payDayFor(r, t, inv);
      if (inv.issueDay + 1 <= today && r.chance(t.pCredit)) {
        const full = r.chance(0.12);
        const amount = full ? inv.amount : Math.min(inv.amount, Math.max(1, Math.round(inv.amount * (0.03 + 0.27 * r.float()))));
        const day = Math.max(inv.issueDay + 1, Math.min(inv.issueDay + r.int(2, 30), payDay, today));
        credits.push({ day, amount, invoiceNumber: inv.number, reason: full ? r.pick(['Order cancelled', 'Returned goods']) : r.pick(CREDIT_REASONS) });
        remaining -= amount;
      }
      if (remaining === 0) continue;
      if (r.chance(t.pDispute)) {
        owed += remaining;
        continue;
      }
      if (r.chance(t.pPartial)) {
        const parts = r.chance(0.6) ? 2 : 3;
        const giveUpAfterFirst = r.chance(0.3);
        let day = payDay;
        for (let p = 0; p < parts && day <= today && remaining > 0; p++) {
          let amount = remaining;
          if (p < parts - 1) {
            amount = Math.round((remaining * (0.3 + 0.3 * r.float())) / 100) * 100;
            if (amount <= 0 || amount >= remaining) amount = Math.max(1, Math.floor(remaining / 2));
          }
          payments.push({ day, amount, invoiceNumber: inv.number, method: methodFor(r, t, amount) });
          remaining -= amount;
          if (giveUpAfterFirst) break;
          day += r.int(14, 45);
        }
        owed += remaining;
        continue;
      }
      if (payDay <= today) payments.push({ day: payDay, amount: remaining, invoiceNumber: inv.number, method: methodFor(r, t, remaining) });
      else owed += remaining;
    }
  }

  if (t.overpay !== null) addOverpayment(r, t, invoices, payments, owed, today);

  if (t.goodwillCredit) {
    const from = Math.max(t.startDay, today - 300);
    credits.push({ day: r.int(Math.min(from, today), today), amount: r.int(1, 20) * 2_500, invoiceNumber: null, reason: r.pick(GOODWILL_REASONS) });
  }

  // Stable sorts: same-day entries keep plan order, which oldest-first allocation relies on.
  payments.sort((a, b) => a.day - b.day);
  credits.sort((a, b) => a.day - b.day);
  return { payments, credits };
}

function addOverpayment(r: Rng, t: Traits, invoices: PlannedInvoice[], payments: PlannedPayment[], owed: number, today: number): void {
  if (t.overpay === 'on_account') {
    // Last payment of the customer and more than they owe: the deposit stays unapplied.
    const last = payments.reduce((d, p) => Math.max(d, p.day), 0);
    const day = Math.min(today, Math.max(last, today - r.int(0, 20)));
    const deposit = r.int(2, 40) * 25_000;
    payments.push({ day, amount: owed + deposit, invoiceNumber: null, method: methodFor(r, t, owed + deposit) });
    return;
  }
  const amounts = new Map(invoices.map((inv) => [inv.number, inv.amount]));
  const candidates = payments.filter((p) => p.invoiceNumber !== null && p.amount === amounts.get(p.invoiceNumber) && p.day + 7 <= today);
  if (candidates.length === 0) return;
  const chosen = candidates[r.int(0, candidates.length - 1)];
  if (t.overpay === 'overpaid') {
    // Rounded up to the next hundred dollars, as a hurried clerk might.
    chosen.amount = (Math.floor(chosen.amount / 10_000) + 1) * 10_000;
  } else {
    payments.push({ day: Math.min(today, chosen.day + r.int(7, 45)), amount: chosen.amount, invoiceNumber: chosen.invoiceNumber, method: chosen.method });
  }
}

// ---------------------------------------------------------------------------------------------
// Public generators

export function* demoCustomers(o: DemoOptions): Generator<DemoCustomer> {
  const ctx = makeCtx(o);
  for (const s of slots(ctx)) yield buildCustomer(ctx, s);
}

export function* demoInvoices(o: DemoOptions): Generator<DemoInvoice> {
  const ctx = makeCtx(o);
  for (const s of slots(ctx)) {
    for (const inv of planInvoices(ctx, s)) {
      yield {
        number: inv.number,
        customerCode: s.code,
        issueDate: dateOf(ctx, inv.issueDay),
        dueDate: dateOf(ctx, inv.dueDay),
        amount: inv.amount,
        currency: o.currency ?? 'USD',
        poNumber: inv.poNumber,
        description: inv.description,
      };
    }
  }
}

export function* demoPayments(o: DemoOptions): Generator<DemoPayment> {
  const ctx = makeCtx(o);
  let n = 0;
  for (const s of slots(ctx)) {
    const { payments } = planSettlement(ctx, s, planInvoices(ctx, s));
    for (const p of payments) {
      n++;
      yield {
        reference: `PAY-${pad(n, ctx.paymentWidth)}`,
        customerCode: s.code,
        date: dateOf(ctx, p.day),
        amount: p.amount,
        invoiceNumber: p.invoiceNumber,
        method: p.method,
      };
    }
  }
}

export function* demoCredits(o: DemoOptions): Generator<DemoCredit> {
  const ctx = makeCtx(o);
  let n = 0;
  for (const s of slots(ctx)) {
    const { credits } = planSettlement(ctx, s, planInvoices(ctx, s));
    for (const c of credits) {
      n++;
      yield {
        number: `CN-${pad(n, ctx.creditWidth)}`,
        customerCode: s.code,
        date: dateOf(ctx, c.day),
        amount: c.amount,
        invoiceNumber: c.invoiceNumber,
        reason: c.reason,
      };
    }
  }
}

/**
 * Codes of the customers designated to leave unapplied cash (a duplicate payment, an invoice
 * paid over its amount, or a payment on account). Only their payments may exceed an invoice.
 */
export function demoOverpayerCodes(o: DemoOptions): string[] {
  const ctx = makeCtx(o);
  const out: string[] = [];
  for (let i = 0; i < ctx.customers; i++) if (traitsOf(ctx, i).overpay !== null) out.push(customerCode(ctx, i));
  return out;
}
