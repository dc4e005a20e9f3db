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
import type { Handlers, MailBatchResult } from '../contract';
import { noJob } from '../jobs/job-context';
import { printMailResults, withMailHandlers } from './mail-command';

export interface LettersArgs {
  asOf?: string;
  out?: string;
  template?: string;
  channel?: string;
  /** --channel email: show what would be sent, send nothing. */
  dryRun?: boolean;
  /** --channel email: send even where the same template already went to the customer that day. */
  again?: boolean;
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
  if (args.channel === 'email') {
    if (args.out !== undefined) throw new CliError('--out is for printed letters: an email batch is archived as .eml files beside the ledger.');
    return emailBatch(ledgerPath, asOf, args);
  }
  if (args.dryRun || args.again) throw new CliError(`${args.dryRun ? '--dry-run' : '--again'} is for --channel email.`);
  const out = batchOutPath(args.out, 'settle letters batch', 'letters');
  const channel = args.channel as LetterChannel | undefined;
  if (channel !== undefined && channel !== 'mail' && channel !== 'certified_mail') throw new CliError(`--channel must be mail, certified_mail or email, not "${args.channel}"`);

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
      const due = letters.lettersDue(asOf, { email: true });
      let emailed = 0;
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
        if (group.channel === 'email' && channel === undefined) {
          console.log(`${group.tasks.length} “${group.template}” ${group.tasks.length === 1 ? 'letter goes' : 'letters go'} by email: settle letters batch --channel email --as-of ${asOf}`);
          emailed += group.tasks.length;
          continue;
        }
        const template = currentTemplate(db, group.templateId);
        for (const t of group.tasks) items.push({ customerId: t.customerId, template, channel: group.channel === 'email' ? channel! : (channel ?? group.channel), taskIds: [t.taskId] });
      }
      if (items.length === 0) {
        console.log(emailed > 0 ? `No letters to print as of ${asOf}.` : `No letters are due as of ${asOf}.`);
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
 * A day's letters by email through the ledger's mail server: the email steps the policy has due
 * that day (customers with an address; the others stay to be printed), or with --template every
 * customer with something past due. --dry-run shows whom each would go to and sends nothing.
 */
async function emailBatch(ledgerPath: string, asOf: string, args: LettersArgs): Promise<number> {
  const batches: { templateId: number; template: string; customerIds: number[]; taskIds: number[] }[] = [];
  {
    const ledger = await Ledger.open(ledgerPath);
    try {
      const db = ledger.db;
      seedDefaultPolicy(db);
      seedDefaultTemplates(db);
      const letters = new LetterService(db, ledger.path);
      if (args.template !== undefined) {
        let template;
        try {
          template = currentTemplate(db, args.template);
        } catch {
          throw new CliError(`There is no letter template named "${args.template}".`);
        }
        const owed = collectable(db, asOf);
        const customers = db.prepare('SELECT id FROM customer WHERE id IN (SELECT value FROM json_each(?)) ORDER BY code').pluck().all(JSON.stringify([...owed.keys()])) as number[];
        const chosen = customers.filter((id) => owed.get(id)!.overdue > 0);
        if (chosen.length > 0) batches.push({ templateId: template.templateId, template: template.name, customerIds: chosen, taskIds: [] });
      } else {
        new WorklistService(db).refresh(asOf);
        for (const group of letters.lettersDue(asOf, { email: true }).groups) {
          if (group.channel !== 'email' || group.templateId === null) continue;
          batches.push({ templateId: group.templateId, template: group.template, customerIds: group.tasks.map((t) => t.customerId), taskIds: group.tasks.map((t) => t.taskId) });
        }
      }
    } finally {
      await ledger.close();
    }
  }
  if (batches.length === 0) {
    console.log(args.template !== undefined ? `No customer has anything past due that may be asked for as of ${asOf}: no messages sent.` : `No letters are due by email as of ${asOf}.`);
    return 0;
  }
  if (args.dryRun) return emailDryRun(ledgerPath, asOf, batches);
  return withMailHandlers(ledgerPath, async (handlers, call) => {
    let code = 0;
    for (const b of batches) {
      console.log(`${b.template}: ${b.customerIds.length} ${b.customerIds.length === 1 ? 'message' : 'messages'}`);
      const result = (await call('mail.send', { templateId: b.templateId, customerIds: b.customerIds, taskIds: b.taskIds, letterDate: asOf, again: args.again ?? false })) as MailBatchResult;
      const names = await customerNames(handlers, b.customerIds);
      code = Math.max(code, printMailResults(result, names));
    }
    return code;
  });
}

async function emailDryRun(ledgerPath: string, asOf: string, batches: { templateId: number; template: string; customerIds: number[]; taskIds: number[] }[]): Promise<number> {
  const ledger = await Ledger.open(ledgerPath);
  try {
    const letters = new LetterService(ledger.db, ledger.path);
    for (const b of batches) {
      const review = letters.review({ templateId: b.templateId, customerIds: b.customerIds, taskIds: b.taskIds, letterDate: asOf, channel: 'email' });
      console.log(`${review.template} (version ${review.version}): ${review.rows.length} ${review.rows.length === 1 ? 'message' : 'messages'} — dry run, nothing sent`);
      for (const r of review.rows) {
        const who = `${r.customerCode} ${r.customerName}`;
        const notes = r.warnings.map((w) => w.message);
        if (r.blocked || !r.email || r.email.to.length === 0) {
          console.log(`  would skip ${who}: ${r.blocked ?? 'no email address (print the letter instead)'}`);
          continue;
        }
        const cc = r.email.cc.length > 0 ? `, cc ${r.email.cc.join(', ')}` : '';
        const bcc = r.email.bcc.length > 0 ? `, bcc ${r.email.bcc.join(', ')}` : '';
        console.log(`  would send ${who} → ${r.email.to.join(', ')}${cc}${bcc}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
      }
    }
    return 0;
  } finally {
    await ledger.close();
  }
}

async function customerNames(handlers: Handlers, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const id of ids) {
    const c = await handlers['customers.get']({ id }, noJob);
    out.set(id, `${c.code} ${c.name}`);
  }
  return out;
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
