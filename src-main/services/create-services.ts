import { ledgerCurrency, ledgerMoneyStyle } from '../money/ledger-money';
import type { Handlers } from '../contract';
import { AgingPages, type AgingSortField } from '../aging/aging-pages';
import { agingCsv } from '../aging/aging-format';
import { agingReport } from '../aging/aging-report';
import { agingXlsx } from '../aging/aging-xlsx';
import { agingFileName, agingViewTitle, lateFocus } from '../aging/aging-view';
import { customerCard } from '../customers/customer-card';
import { CustomerService } from '../customers/customer-service';
import { EntryService } from '../ledger/entry-service';
import { FeeService } from '../fees/fee-service';
import { WriteOffService } from '../writeoffs/write-off-service';
import { DisputeService } from '../timeline/dispute-service';
import { PlanService } from '../plans/plan-service';
import { TimelineService } from '../timeline/timeline-service';
import { loadDemo } from '../demo/load-demo';
import { WorklistService } from '../worklist/worklist-service';
import { readPolicy, resetToDefaultPolicy, savePolicy, seedDefaultPolicy } from '../policy/policy-service';
import { confirmDelivery } from '../policy/delivery-check';
import { promiseGraceDays } from '../promises/promise-status';
import { ProfileService } from '../profiles/profile-service';
import { PROFILE_STRATEGIES } from '../profiles/profile-strategy';
import { disputeReport } from '../reports/dispute-report';
import { activityReport } from '../reports/activity-report';
import { agingTrend } from '../reports/aging-trend';
import { cei } from '../reports/cei';
import { dso } from '../reports/dso';
import { promiseReport } from '../reports/promise-report';
import { readSnapshot } from '../reports/read-snapshot';
import { exportReport } from '../reports/report-export';
import { writeOffReport } from '../reports/writeoff-report';
import type { Ledger } from '../ledger/ledger';
import { APP_VERSION } from '../app/version';
import { LetterService } from '../letters/sending/letter-service';
import { StatementService } from '../statements/statement-service';
import { CertifiedMailService } from '../letters/sending/certified';
import { mergeFieldList, TemplateService } from '../letters/templates/template-service';
import { seedDefaultTemplates } from '../letters/templates/template-store';
import { updateLetterSettings } from '../letters/templates/letter-settings-update';
import { letterSettings } from '../letters/letter-context';
import { checkEmailText, checkTemplate } from '../letters/template-check';
import { Clock } from '../clock/clock';
import { ServiceError } from '../contract/service-error';
import type { RestoreSummary } from '../contract/backups';
import { BackupService } from '../backup/backup-service';
import { ImportService } from '../import/import-service';
import { BureauService } from '../bureau/bureau-service';
import type { JobContext } from '../contract/jobs';
import { JobTable } from '../jobs/job-table';
import { jobContext, noJob } from '../jobs/job-context';
import { busyError, isBusy } from '../ledger/writer-note';
import { dispatch } from './dispatch';
import { writeTransaction } from '../ledger/write-transaction';
import { LedgerList } from '../ledgers/ledger-list';
import { copyPolicy, copyTemplate } from '../ledgers/copy-settings';
import { sessionCredentials, type CredentialStore } from '../mail/credentials';
import { MailService } from '../mail/mail-service';
import { mailSettingsData, saveMailSettings } from '../mail/mail-settings';
import type { TransportFactory } from '../mail/transport';

export interface HandlerOptions {
  /**
   * Lets `clock.set` pin the clock, so end-to-end tests can move the main process through
   * simulated days. Test-only: browser mode turns it on for SETTLE_CLOCK_CONTROL=1, nothing else does.
   */
  clockControl?: boolean;
  /**
   * Where long work runs. The backend host passes a table whose jobs run in a worker thread, so
   * its own thread stays free for clicks; without one, jobs run here, in the caller's thread.
   */
  jobs?: JobTable;
  /**
   * Restores a backup (its full path) into this ledger: the app host closes the ledger (and every
   * other connection to it), calls `restoreBackup` (src-main/backup/backup-restore.ts) and reopens
   * it. Without it, `backups.restore` is refused and points at the CLI.
   */
  restore?: (backupFile: string) => Promise<RestoreSummary>;
  /** Check for the daily backup while the ledger is open (default on; job workers leave it to the backend). */
  dailyBackups?: boolean;
  /** Where the mail server's password is kept (default: this session's memory, else SETTLE_SMTP_PASSWORD). */
  credentials?: CredentialStore;
  /** How messages reach the mail server (default: SMTP through nodemailer); tests may count deliveries instead. */
  mailTransport?: TransportFactory;
  /** The consultant's list of ledgers, where `templates.copyFrom` and `policy.copyFrom` find the other ledger (default: the user's). */
  ledgerList?: LedgerList;
}

/** Binds every contract method to the services of one open ledger. */
export function createHandlers(ledger: Ledger, options: HandlerOptions = {}): Handlers {
  const jobs =
    options.jobs ??
    new JobTable((method, input, report, flag) => ({
      result: dispatch(handlers, method, input, undefined, jobContext(report, flag.cancelled)),
      abort: () => undefined,
    }));
  const handlers = busyAware(ledger.path, bindHandlers(ledger, options, jobs));
  return handlers;
}

/** Any handler kept waiting past the busy timeout answers with a typed `busy` error naming the writer. */
function busyAware(ledgerPath: string, handlers: Handlers): Handlers {
  const wrapped: Record<string, (input: never, job: JobContext) => Promise<unknown>> = {};
  for (const [method, handler] of Object.entries(handlers) as [string, (input: never, job: JobContext) => Promise<unknown>][]) {
    wrapped[method] = async (input, job) => {
      try {
        // Callers outside dispatch (benchmarks, warm-up) may leave out the job.
        return await handler(input, job ?? noJob);
      } catch (err) {
        throw isBusy(err) ? busyError(ledgerPath) : err;
      }
    };
  }
  return wrapped as unknown as Handlers;
}

function bindHandlers(ledger: Ledger, options: HandlerOptions, jobs: JobTable): Handlers {
  // One clock for every service, so pinning it moves them all together.
  const clock = new Clock();
  const now = () => clock.now();
  const clockState = () => ({ now: clock.now().toISOString(), today: clock.today(), pinned: clock.pinned });
  const customers = new CustomerService(ledger.dataSource, now);
  const entries = new EntryService(ledger.db, now);
  const agingPages = new AgingPages(ledger.db);
  const timeline = new TimelineService(ledger.db, now);
  const worklist = new WorklistService(ledger.db, now);
  const disputes = new DisputeService(ledger.db, now);
  const plans = new PlanService(ledger.db, now);
  const fees = new FeeService(ledger.db, now);
  const writeOffs = new WriteOffService(ledger.db, now);
  const profiles = new ProfileService(ledger.db, now);
  seedDefaultPolicy(ledger.db);
  const letters = new LetterService(ledger.db, ledger.path, now);
  const certified = new CertifiedMailService(ledger.db);
  const statements = new StatementService(ledger.db, letters);
  const credentials = options.credentials ?? sessionCredentials(ledger.path);
  const mail = new MailService(ledger.db, ledger.path, letters, credentials, now, options.mailTransport);
  seedDefaultTemplates(ledger.db, now);
  const templates = new TemplateService(ledger.db, now);
  const backups = new BackupService(ledger.db, ledger.path, now, options.restore);
  const imports = new ImportService(ledger.db, ledger.path, now);
  const bureau = new BureauService(ledger.db, ledger.path, now);
  if (options.dailyBackups !== false) backups.scheduleDaily(() => ledger.dataSource.isInitialized && ledger.db.open);
  const settings = () => ({
    currency: ledgerCurrency(ledger.db),
    promiseGraceDays: promiseGraceDays(ledger.db),
    planMaxMonths: Number(setting('plan_max_months') ?? 12),
    planMinInstalment: Number(setting('plan_min_instalment') ?? 5000),
    autoApplyCash: setting('auto_apply_cash') !== '0',
  });
  const otherLedger = (name: string) => {
    const found = (options.ledgerList ?? new LedgerList()).find(name);
    if (!found) throw new ServiceError('not_found', `No ledger in the list is called “${name}”.`, { from: 'Not in the list of ledgers' });
    if (found.path === ledger.path) throw new ServiceError('validation', `“${found.name}” is this ledger: choose another one to copy from.`, { from: 'This ledger' });
    return found.path;
  };
  const setting = (key: string) => ledger.db.prepare(`SELECT value FROM ledger_setting WHERE key = ?`).pluck().get(key) as string | undefined;
  return {
    'app.info': async () => ({ name: 'Settle', version: APP_VERSION, ledgerPath: ledger.path, schemaVersion: ledger.schemaVersion(), ...ledgerMoneyStyle(ledger.db) }),
    'clock.get': async () => clockState(),
    'clock.set': async (i) => {
      if (!options.clockControl) {
        throw new ServiceError('unauthorized', 'The clock can only be set when Settle was started for testing (SETTLE_CLOCK_CONTROL=1 in browser mode).');
      }
      clock.set(i.now === null ? null : new Date(i.now));
      return clockState();
    },
    'customers.list': (i) => customers.list(i),
    'customers.get': (i) => customers.get(i.id),
    'customers.create': (i) => customers.create(i),
    'customers.update': (i) => customers.update(i.id, i.customer),
    'customers.setStatus': (i) => customers.setStatus(i),
    'customers.card': async (i) => customerCard(ledger.db, await customers.get(i.id), i.asOf),
    'invoices.create': async (i) => entries.createInvoice(i),
    'payments.record': async (i) => entries.recordPayment(i),
    'payments.deposit': async (i) => entries.deposit(i),
    'payments.preview': async (i) => entries.previewDeposit(i),
    'credits.record': async (i) => entries.recordCredit(i),
    'writeOffs.record': async (i) => entries.writeOff(i),
    'writeOffs.recordMany': async (i) => entries.writeOffMany(i),
    'writeOffs.list': async (i) => writeOffs.list(i.customerId),
    'recoveries.record': async (i) => writeOffs.recordRecovery(i),
    'fees.rulesGet': async () => fees.rules(),
    'fees.rulesUpdate': async (i) => fees.updateRules(i.rules),
    'fees.preview': async (i) => fees.preview(i),
    'fees.apply': async (i) => fees.apply(i),
    'allocations.apply': async (i) => entries.allocate(i),
    'aging.report': async (i) => agingReport(ledger.db, { asOf: i.asOf, basis: i.basis, limits: i.limits }),
    'aging.page': async (i) => agingPages.page({ ...i, sort: { field: i.sort.field as AgingSortField, direction: i.sort.direction } }),
    'activities.record': async (i) => timeline.recordAnswering(i, worklist),
    'timeline.list': async (i) => timeline.list(i),
    'disputes.update': async (i) => (disputes.update(i), { ok: true as const }),
    'disputes.resolve': async (i) => disputes.resolve(i),
    'plans.propose': async (i) => plans.propose(i),
    'plans.create': async (i) => plans.create(i),
    'plans.sign': async (i) => plans.sign(i),
    'plans.cancel': async (i) => plans.cancel(i),
    'plans.list': async (i) => plans.list(i),
    'plans.agreement': (i) => plans.agreement(i),
    'templates.list': async () => templates.list(),
    'templates.fields': async () => mergeFieldList(),
    'templates.get': async (i) => templates.get(i.id, i.versionId),
    'templates.check': async (i) => ({
      problems: [...checkTemplate(i.subject, i.body.replace(/\r\n?/g, '\n')), ...checkEmailText(i.emailSubject, i.emailBody?.replace(/\r\n?/g, '\n'))],
    }),
    'templates.save': async (i) => templates.save(i),
    'templates.archive': async (i) => templates.archive(i),
    'templates.preview': (i) => templates.preview(i),
    'templates.copyFrom': async (i) => copyTemplate(ledger.db, otherLedger(i.from), i.template, now),
    'policy.copyFrom': async (i) => copyPolicy(ledger.db, otherLedger(i.from)),
    'letters.settingsGet': async () => letterSettings(ledger.db),
    'letters.settingsUpdate': async (i) => updateLetterSettings(ledger.db, i),
    'letters.send': (i, job) => letters.send(i, job),
    'letters.file': async (i) => letters.file(i.fileId),
    'letters.list': async (i) => letters.list(i.customerId),
    'letters.dueToday': async (i) => letters.dueToday(i.today, { email: i.email }),
    'letters.review': async (i) => letters.review(i),
    'statements.print': (i, job) => statements.print(i, job),
    'statements.customers': async (i) => statements.target(i.asOf),
    'certified.record': async (i) => certified.record(i),
    'certified.receipt': async (i) => certified.receipt(i),
    'certified.log': async (i) => certified.log(i.date),
    'certified.logPdf': (i) => certified.logPdf(i.date),
    'backups.list': async () => backups.list(),
    'backups.create': () => backups.create(),
    'backups.settingsUpdate': async (i) => backups.setKeep(i.keep),
    'backups.restore': (i) => backups.restore(i.file),
    'imports.inspect': (i) => imports.inspect(i),
    'imports.run': (i, job) => imports.run(i, job),
    'settings.get': async () => settings(),
    'settings.update': async (i) => {
      const put = ledger.db.prepare(`INSERT INTO ledger_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
      writeTransaction(ledger.db, () => {
        if (i.promiseGraceDays !== undefined) put.run('promise_grace_days', String(i.promiseGraceDays));
        if (i.planMaxMonths !== undefined) put.run('plan_max_months', String(i.planMaxMonths));
        if (i.planMinInstalment !== undefined) put.run('plan_min_instalment', String(i.planMinInstalment));
        if (i.autoApplyCash !== undefined) put.run('auto_apply_cash', i.autoApplyCash ? '1' : '0');
      })();
      return settings();
    },
    'drafts.get': async (i) => ({ body: (ledger.db.prepare('SELECT body FROM draft WHERE key = ?').pluck().get(i.key) as string | undefined) ?? null }),
    'drafts.put': async (i) => {
      if (i.body === null) ledger.db.prepare('DELETE FROM draft WHERE key = ?').run(i.key);
      else
        ledger.db
          .prepare('INSERT INTO draft (key, body, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at')
          .run(i.key, i.body, clock.now().toISOString());
      return { ok: true as const };
    },
    'worklist.list': async (i) => {
      // The day's policy run is long on a big ledger: it runs as a job, off this thread.
      if (worklist.policyDue(i.today)) {
        const run = await jobs.run('policy.run', { today: i.today, onlyIfChanged: true });
        if (!run.ok) throw new ServiceError(run.error.code, run.error.message, run.error.fields);
      }
      return worklist.list(i.today, i.collector, i.customerId, { offset: i.offset, limit: i.limit });
    },
    'worklist.act': async (i) => ({ ok: true as const, actionId: worklist.act(i) }),
    'worklist.undo': async (i) => (worklist.undo(i.actionId, i.today), { ok: true as const }),
    'profiles.suggest': async (i) => profiles.suggest(i),
    'profiles.set': async (i) => profiles.set(i),
    'profiles.strategies': async () => PROFILE_STRATEGIES,
    'reports.disputes': async (i) => disputeReport(ledger.db, i.asOf),
    'reports.dso': async (i) => readSnapshot(ledger.db, () => dso(ledger.db, i.asOf, i.method, i.days)),
    'reports.cei': async (i) => readSnapshot(ledger.db, () => cei(ledger.db, i.from, i.to)),
    'reports.trend': async (i, job) => readSnapshot(ledger.db, () => agingTrend(ledger.db, i.asOf, i.months, job)),
    'reports.promises': async (i) => readSnapshot(ledger.db, () => promiseReport(ledger.db, i.from, i.to)),
    'reports.activity': async (i) => activityReport(ledger.db, i.from, i.to),
    'reports.writeOffs': async (i) => writeOffReport(ledger.db, i.from, i.to),
    'reports.export': async (i, job) => exportReport(ledger.db, i, job),
    'policy.get': async () => readPolicy(ledger.db),
    'policy.save': async (i) => savePolicy(ledger.db, i),
    'policy.reset': async () => resetToDefaultPolicy(ledger.db),
    'policy.run': async (i, job) => worklist.refresh(i.today, !i.onlyIfChanged, job) ?? { today: i.today, created: 0, closed: 0, ran: false },
    'deliveries.confirm': async (i) => confirmDelivery(ledger.db, timeline, i, clock.now()),
    'demo.load': async (i) => loadDemo(ledger.db, { customers: 120, seed: 1, today: i.today }, now),
    'bureau.preview': async (i, job) => (job.progress(0, 1, 'Reading balances'), bureau.preview(i)),
    'bureau.export': async (i, job) => (job.progress(0, 1, 'Writing the bureau file'), bureau.export(i)),
    'bureau.list': async () => bureau.list(),
    'bureau.file': async (i) => bureau.file(i.id),
    'bureau.verify': async () => bureau.verify(),
    'mail.settingsGet': async () => mailSettingsData(ledger.db, credentials),
    'mail.settingsSave': async (i) => saveMailSettings(ledger.db, credentials, i, clock.now()),
    'mail.test': (i) => mail.test(i.to),
    'mail.send': (i, job) => mail.send(i, job),
    'mail.retry': (i, job) => mail.retry(i, job),
    'mail.list': async (i) => mail.list(i),
    'mail.eml': (i) => mail.eml(i),
    'jobs.start': async (i) => jobs.start(i.method, i.input),
    'jobs.poll': async (i) => jobs.poll(i.jobId, i.waitMs),
    'jobs.cancel': async (i) => jobs.cancel(i.jobId),
    'aging.export': async (i, job) => {
      job.progress(0, 2, 'Reading balances');
      const view = agingPages.view({ ...i, sort: { field: i.sort.field as AgingSortField, direction: i.sort.direction } });
      job.checkCancelled();
      job.progress(1, 2, 'Writing the file');
      const focus = lateFocus(view, i.minBucket);
      const fileName = agingFileName(view, i, i.format);
      return i.format === 'csv'
        ? { fileName, mimeType: 'text/csv', base64: Buffer.from(agingCsv(view, focus), 'utf8').toString('base64') }
        : {
            fileName,
            mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            base64: (await agingXlsx(view, { title: agingViewTitle(view, i), focus, ...ledgerMoneyStyle(ledger.db) })).toString('base64'),
          };
    },
  };
}
