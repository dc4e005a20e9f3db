import { ledgerMoney } from '../money/ledger-money';
import type { LetterChannel } from '../contract/letters';
import { Ledger } from '../ledger/ledger';
import { verifyArchive, unfinishedBatches } from '../letters/sending/archive';
import { collectable } from '../collectable/collectable';
import { nothingAskable, nothingAskableMessage } from '../letters/letter-context';
import { LetterService, type BatchItem } from '../letters/sending/letter-service';
import { currentTemplate, seedDefaultTemplates } from '../letters/templates/template-store';
import { isIsoDate, localToday } from '../money/dates';
import { seedDefaultPolicy } from '../policy/policy-service';
import { WorklistService } from '../worklist/worklist-service';
import { archiveProblemLine } from './archive-problem';
import { CliError } from './cli-error';
import { batchOutPath, printBatch } from './printed-batch';

export interface LettersArgs {
  asOf?: string;
  out?: string;
  template?: string;
  channel?: string;
}


export async function runLetters(ledgerPath: string, sub: string | undefined, args: LettersArgs): Promise<number> {
  if (sub === 'batch') return batch(ledgerPath, args);
  if (sub === 'verify') return verify(ledgerPath);
  throw new CliError(sub ? `Unknown letters command "${sub}": use batch or verify.` : 'settle letters needs a command: batch or verify.');
}

/**
 * Prints a day's letters as one PDF: the policy's letter tasks due on that day, or (with a
 * template) every customer with something past due that may be asked for on that day.
 * Everything is recorded as the app records it (archive, timeline, tasks closed), and --out gets
 * a copy of the archived file.
 */
async function batch(ledgerPath: string, args: LettersArgs): Promise<number> {
  const asOf = args.asOf ?? localToday();
  if (!isIsoDate(asOf)) throw new CliError(`--as-of must be a date like 2026-03-31, not "${asOf}"`);
  const out = batchOutPath(args.out, 'settle letters batch', 'letters');
  const channel = args.channel as LetterChannel | undefined;
  if (channel !== undefined && channel !== 'mail' && channel !== 'certified_mail') throw new CliError(`--channel must be mail or certified_mail, not "${args.channel}"`);

  const ledger = await Ledger.open(ledgerPath);
  try {
    const db = ledger.db;
    seedDefaultPolicy(db);
    seedDefaultTemplates(db);
    const letters = new LetterService(db, ledger.path);
    const items: BatchItem[] = [];
    if (args.template !== undefined) {
      let template;
      try {
        template = currentTemplate(db, args.template);
      } catch {
        throw new CliError(`There is no letter template named "${args.template}".`);
      }
      // Only customers with something past due that may be asked for on the day: an account
      // whose past-due items are all disputed, on a plan, covered by cash, or with an agency gets
      // nothing, and is named with the reason so the clerk knows it was left out on purpose.
      const format = ledgerMoney(db);
      const owed = collectable(db, asOf);
      const customers = db
        .prepare('SELECT id, code, name FROM customer WHERE id IN (SELECT value FROM json_each(?)) ORDER BY code')
        .all(JSON.stringify([...owed.keys()])) as { id: number; code: string; name: string }[];
      const chosen: number[] = [];
      for (const c of customers) {
        const money = owed.get(c.id)!;
        if (money.overdue > 0) chosen.push(c.id);
        else if (money.items.some((i) => i.daysPastDue > 0)) console.log(`skipped ${c.code} ${c.name}: ${nothingAskableMessage(c.name, asOf, nothingAskable(money, format)!)}`);
      }
      const tasks = letters.matchingTasks(template.name, chosen, asOf);
      for (const customerId of chosen) items.push({ customerId, template, channel: channel ?? 'mail', taskIds: tasks.get(customerId) ?? [] });
      if (items.length === 0) {
        console.log(`No customer has anything past due that may be asked for as of ${asOf}: no letters written.`);
        return 0;
      }
    } else {
      new WorklistService(db).refresh(asOf);
      const due = letters.lettersDue(asOf);
      if (due.held.length > 0) {
        const codes = new Map(
          (db.prepare('SELECT id, code FROM customer WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(due.held.map((h) => h.customerId))) as { id: number; code: string }[]).map(
            (c) => [c.id, c.code],
          ),
        );
        for (const h of due.held) console.log(`skipped ${codes.get(h.customerId) ?? h.customerId} ${h.customerName}: ${h.reason} (${h.template} left on the worklist)`);
      }
      for (const group of due.groups) {
        if (group.templateId === null) {
          console.error(`${group.tasks.length} letter task(s) name the template "${group.template}", which does not exist: left on the worklist.`);
          continue;
        }
        const template = currentTemplate(db, group.templateId);
        for (const t of group.tasks) items.push({ customerId: t.customerId, template, channel: channel ?? group.channel, taskIds: [t.taskId] });
      }
      if (items.length === 0) {
        console.log(`No letters are due as of ${asOf}.`);
        return 0;
      }
    }

    const printed = await printBatch(ledger, out, { progress: 'Letters', note: `a letters batch (settle letters batch, ${items.length} letters)` }, (progress) =>
      letters.sendBatch(items, asOf, null, progress),
    );
    if (!printed) return 1;
    const { sent, archived, sha256 } = printed;
    const names = new Map(
      (db.prepare('SELECT id, code, name FROM customer WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(sent.skipped.map((s) => s.customerId))) as {
        id: number;
        code: string;
        name: string;
      }[]).map((c) => [c.id, `${c.code} ${c.name}`]),
    );
    for (const s of sent.skipped) console.log(`skipped ${names.get(s.customerId) ?? s.customerId}: ${s.reason}`);
    const n = sent.letters.length;
    console.log(`${n} ${n === 1 ? 'letter' : 'letters'}, ${sent.pages} ${sent.pages === 1 ? 'page' : 'pages'} → ${args.out} (archived as ${archived}, sha256 ${sha256})`);
    return 0;
  } finally {
    await ledger.close();
  }
}

/**
 * Every archived letter file against its SHA-256 in the ledger: exit 1 if any is missing or
 * altered. Unfinished batches (a print killed half way) are listed but are no failure: they were
 * never recorded, so the archive still holds exactly what was sent.
 */
async function verify(ledgerPath: string): Promise<number> {
  const ledger = await Ledger.open(ledgerPath);
  try {
    const check = verifyArchive(ledger.db, ledger.path);
    for (const p of check.problems) console.log(archiveProblemLine(p, 'letter file'));
    for (const u of unfinishedBatches(ledger.path)) console.log(`unfinished batch left by an interrupted print: ${u.path} — not recorded, safe to delete`);
    const files = `${check.checked} archived letter ${check.checked === 1 ? 'file' : 'files'}`;
    if (check.problems.length === 0) {
      console.log(check.checked === 0 ? 'No letters have been archived yet.' : `Checked ${files}: all match what was sent.`);
      return 0;
    }
    const missing = check.problems.filter((p) => p.problem === 'missing').length;
    const altered = check.problems.length - missing;
    console.log(`Checked ${files}: ${check.ok} ok, ${altered} altered, ${missing} missing.`);
    return 1;
  } finally {
    await ledger.close();
  }
}
