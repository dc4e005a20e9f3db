import type { LedgerEntry, LedgerToday, TodayOverview } from '../contract/ledgers';
import { lateFocus } from '../aging/aging-view';
import { agingReport } from '../aging/aging-report';
import { bucketIndex, DEFAULT_BUCKET_LIMITS } from '../aging/buckets';
import { listBackups } from '../backup/backup-store';
import { lockIfFree } from '../ledger/instance-lock';
import { Ledger } from '../ledger/ledger';
import { LetterService } from '../letters/sending/letter-service';
import { seedDefaultTemplates } from '../letters/templates/template-store';
import { localDateTime } from '../money/dates';
import { seedDefaultPolicy } from '../policy/policy-service';
import { promiseStates } from '../promises/promise-status';
import { WorklistService } from '../worklist/worklist-service';
import { ledgerMoneyStyle } from '../money/ledger-money';
import { peekLedger } from './ledger-peek';

/** What the aging grid's "61+ days" filter starts at, with the default buckets. */
const OVER_60_BUCKET = bucketIndex(61, DEFAULT_BUCKET_LIMITS);

const NO_FIGURES = { tasksDue: 0, brokenPromises: 0, lettersDue: 0, emailsDue: 0, overdue: 0, over60: 0, lastBackup: null } as const;

/**
 * One ledger's morning, with the figures its own screens show: the worklist's count (after the
 * day's policy run, as the first worklist call of the day makes it), the Letters page's letters
 * due, and the aging report's past-due and 61+ amounts. The file is opened, read and closed.
 * A ledger a Settle window holds is read as it stands, without the policy run, which would
 * write to it behind that window's back; a free one is locked for the moment it is read, so a
 * window cannot open it halfway through the run.
 */
export async function ledgerToday(entry: Pick<LedgerEntry, 'name' | 'path' | 'company'>, asOf: string, now: () => Date = () => new Date()): Promise<LedgerToday> {
  const base = { name: entry.name, path: entry.path, company: entry.company };
  const peek = peekLedger(entry.path);
  if (peek.state === 'missing') return { ...base, state: 'missing', ...NO_FIGURES, currency: '' };
  if (peek.state === 'unreadable') return { ...base, state: 'unreadable', problem: peek.problem, ...NO_FIGURES, currency: '' };
  const company = peek.company || entry.company;
  let lock: ReturnType<typeof lockIfFree> = null;
  let ledger: Ledger | null = null;
  try {
    lock = lockIfFree(entry.path, 'the morning overview (Today)');
    ledger = await Ledger.open(entry.path);
    const db = ledger.db;
    const free = lock !== null;
    if (free) {
      // As opening the ledger in a window would, so a ledger never opened yet has its policy and letters.
      seedDefaultPolicy(db);
      seedDefaultTemplates(db, now);
    }
    const worklist = new WorklistService(db, now, free);
    const tasksDue = worklist.list(asOf, null, undefined, { offset: 0, limit: 1 }).total;
    // As the Letters page splits them: an email step's letter to a customer with an address is an email.
    const due = new LetterService(db, ledger.path, now, worklist).lettersDue(asOf, { email: true }).groups;
    const count = (email: boolean) => due.filter((g) => (g.channel === 'email') === email).reduce((n, g) => n + g.tasks.length, 0);
    const lettersDue = count(false);
    const emailsDue = count(true);
    const brokenPromises = promiseStates(db, asOf, undefined, { paymentsThrough: asOf }).filter((p) => p.status === 'broken').length;
    const aging = agingReport(db, { asOf, basis: 'due', limits: DEFAULT_BUCKET_LIMITS });
    const overdue = lateFocus(aging, 1)!.amount(aging.totals);
    const over60 = lateFocus(aging, OVER_60_BUCKET)!.amount(aging.totals);
    const newest = listBackups(entry.path)[0];
    return {
      ...base,
      company,
      state: 'ok',
      tasksDue,
      brokenPromises,
      lettersDue,
      emailsDue,
      overdue,
      over60,
      currency: ledgerMoneyStyle(db).currency,
      lastBackup: newest ? localDateTime(new Date(newest.takenAt)) : null,
    };
  } catch (err) {
    return { ...base, company, state: 'unreadable', problem: (err as Error).message, ...NO_FIGURES, currency: peek.currency };
  } finally {
    await ledger?.close();
    lock?.release();
  }
}

/** Every ledger in the list, one after another (each opened and closed in turn); one that cannot be read is a row saying why, never a failed overview. */
export async function todayOverview(entries: LedgerEntry[], asOf: string, now: () => Date = () => new Date()): Promise<TodayOverview> {
  const ledgers: LedgerToday[] = [];
  for (const e of entries) ledgers.push(await ledgerToday(e, asOf, now));
  return { asOf, ledgers };
}
