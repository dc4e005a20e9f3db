import { z } from 'zod';
import {
  StatusChangeSchema,
  CustomerCardSchema,
  CustomerIdSchema,
  CustomerInputSchema,
  CustomerListSchema,
  CustomerUpdateSchema,
  type CustomerCard,
  type CustomerDetail,
  type CustomerPage,
} from './customers';

import {
  AgingExportSchema,
  AgingPageSchema,
  AgingRequestSchema,
  AllocateSchema,
  CreditRecordSchema,
  InvoiceCreateSchema,
  PaymentDepositSchema,
  PaymentPreviewSchema,
  PaymentRecordSchema,
  WriteOffSchema,
  WriteOffManySchema,
  type AgingPageData,
  type DepositPosted,
  type DepositPreview,
  type ExportedFile,
  type AgingReportData,
  type CreatedInvoice,
  type PostedEntry,
} from './entries';

import {
  ActivityRecordSchema,
  DraftGetSchema,
  DraftPutSchema,
  SettingsUpdateSchema,
  TimelineListSchema,
  type ActivityEntry,
  type RecordedActivity,
  type LedgerSettings,
  type TimelinePage,
} from './timeline';

import { DemoLoadSchema, type DemoLoaded } from './demo';
import {
  CopyPolicySchema,
  CopyTemplateSchema,
  LedgerAddSchema,
  LedgerCreateSchema,
  LedgerListSchema,
  LedgerNameSchema,
  LedgerRenameSchema,
  TodaySchema,
  type LedgerEntry,
  type TodayOverview,
} from './ledgers';
import { WorkActionSchema, WorklistSchema, WorkUndoSchema, type WorkActed, type Worklist } from './worklist';

import { DisputeResolveSchema, DisputeUpdateSchema, type DisputeResolved } from './disputes';

import {
  FeeApplySchema,
  FeePreviewSchema,
  FeeRulesUpdateSchema,
  RecoveryRecordSchema,
  WriteOffListSchema,
  type FeePreview,
  type FeeRules,
  type FeesApplied,
  type RecoveryRecorded,
  type WriteOffSummary,
} from './fees';

import { ProfileSetSchema, ProfileSuggestSchema, type ProfileSet, type ProfileStrategy, type ProfileSuggestion, type Profile } from './profiles';
import {
  ActivityReportSchema,
  CeiRequestSchema,
  DisputeReportSchema,
  DsoRequestSchema,
  PromiseReportSchema,
  ReportExportSchema,
  TrendRequestSchema,
  WriteOffReportSchema,
  type ActivityReport,
  type AgingTrend,
  type CeiResult,
  type DisputeReport,
  type DsoResult,
  type PromiseReport,
  type WriteOffReport,
} from './reports';

import { ClockSetSchema, type ClockState } from './clock';
import { JobCancelSchema, JobPollSchema, JobStartSchema, type JobContext, type JobState } from './jobs';

import { DeliveryCheckSchema, PolicyRunSchema, PolicySaveSchema, type Policy, type PolicyRunResult } from './policy';

import {
  PlanCancelSchema,
  PlanCreateSchema,
  PlanIdSchema,
  PlanListSchema,
  PlanProposeSchema,
  PlanSignSchema,
  type PaymentPlan,
  type PlanAgreementFile,
  type PlanProposal,
} from './plans';

import {
  LetterSettingsUpdateSchema,
  TemplateArchiveSchema,
  TemplateCheckSchema,
  TemplateGetSchema,
  TemplatePreviewSchema,
  TemplateSaveSchema,
  type LetterSettingsData,
  type TemplateDetail,
  type TemplateFields,
  type TemplatePreview,
  type TemplateProblem,
  type TemplateSummary,
} from './templates';

export * from './templates';
import {
  CertifiedLogSchema,
  CertifiedReceiptSchema,
  CertifiedRecordSchema,
  LetterFileSchema,
  LetterListSchema,
  LettersDueSchema,
  LettersReviewSchema,
  LettersSendSchema,
  type ArchiveCheck,
  type CertifiedLogEntry,
  type LettersReview,
  type ArchivedLetterFile,
  type LetterPdfFile,
  type LettersDueGroup,
  type LettersSent,
  type LetterSummary,
} from './letters';

export * from './letters';
import {
  MailEmlSchema,
  MailListSchema,
  MailRetrySchema,
  MailSendSchema,
  MailSettingsSaveSchema,
  MailTestSchema,
  type MailBatchResult,
  type MailEmlFile,
  type MailMessage,
  type MailSettingsData,
  type MailTestResult,
} from './mail';
export * from './mail';
export * from './statements';
import { StatementsCustomersSchema, StatementsPrintSchema, type StatementsTarget } from './statements';
import { ImportDetectSourceSchema, ImportInspectSchema, ImportRunSchema, ImportSourceSchema, type ImportInspection, type ImportRunResult, type PresetName, type SourceImportOutcome } from './imports';
export * from './imports';
import { BureauExportSchema, BureauFileSchema, BureauPreviewSchema, type BureauExported, type BureauFileRecord, type BureauPreview } from './bureau';
export * from './bureau';
import { BackupCreateSchema, BackupRestoreSchema, BackupSettingsSchema, type BackupEntry, type BackupList, type RestoreSummary } from './backups';
export * from './backups';
export * from './clock';
export * from './customers';
export * from './plans';
export * from './disputes';
export * from './fees';
export * from './profiles';
export * from './reports';
export * from './policy';
export * from './worklist';
export * from './timeline';
export * from './entries';
export * from './errors';
export * from './jobs';
export * from './demo';
export * from './ledgers';

/**
 * The whole service API: method name → input schema. Both transports (Electron IPC and the
 * browser bridge) dispatch through this table, so an input is validated the same way
 * whichever way it arrives. The renderer imports only the types below.
 */
export const inputSchemas = {
  'app.info': z.strictObject({}),
  'clock.get': z.strictObject({}),
  'clock.set': ClockSetSchema,
  'customers.list': CustomerListSchema,
  'customers.get': CustomerIdSchema,
  'customers.create': CustomerInputSchema,
  'customers.update': CustomerUpdateSchema,
  'invoices.create': InvoiceCreateSchema,
  'payments.record': PaymentRecordSchema,
  'payments.deposit': PaymentDepositSchema,
  'payments.preview': PaymentPreviewSchema,
  'credits.record': CreditRecordSchema,
  'writeOffs.record': WriteOffSchema,
  'writeOffs.recordMany': WriteOffManySchema,
  'allocations.apply': AllocateSchema,
  'aging.report': AgingRequestSchema,
  'aging.page': AgingPageSchema,
  'aging.export': AgingExportSchema,
  'customers.card': CustomerCardSchema,
  'customers.setStatus': StatusChangeSchema,
  'activities.record': ActivityRecordSchema,
  'timeline.list': TimelineListSchema,
  'disputes.update': DisputeUpdateSchema,
  'disputes.resolve': DisputeResolveSchema,
  'settings.get': z.strictObject({}),
  'settings.update': SettingsUpdateSchema,
  'drafts.get': DraftGetSchema,
  'drafts.put': DraftPutSchema,
  'worklist.list': WorklistSchema,
  'worklist.act': WorkActionSchema,
  'worklist.undo': WorkUndoSchema,
  'profiles.suggest': ProfileSuggestSchema,
  'profiles.set': ProfileSetSchema,
  'profiles.strategies': z.strictObject({}),
  'reports.disputes': DisputeReportSchema,
  'reports.dso': DsoRequestSchema,
  'reports.cei': CeiRequestSchema,
  'reports.trend': TrendRequestSchema,
  'reports.promises': PromiseReportSchema,
  'reports.activity': ActivityReportSchema,
  'reports.writeOffs': WriteOffReportSchema,
  'reports.export': ReportExportSchema,
  'policy.get': z.strictObject({}),
  'policy.save': PolicySaveSchema,
  'policy.reset': z.strictObject({}),
  'policy.run': PolicyRunSchema,
  'deliveries.confirm': DeliveryCheckSchema,
  'fees.rulesGet': z.strictObject({}),
  'fees.rulesUpdate': FeeRulesUpdateSchema,
  'fees.preview': FeePreviewSchema,
  'fees.apply': FeeApplySchema,
  'writeOffs.list': WriteOffListSchema,
  'recoveries.record': RecoveryRecordSchema,
  'plans.propose': PlanProposeSchema,
  'plans.create': PlanCreateSchema,
  'plans.sign': PlanSignSchema,
  'plans.cancel': PlanCancelSchema,
  'plans.list': PlanListSchema,
  'plans.agreement': PlanIdSchema,
  'templates.list': z.strictObject({}),
  'templates.fields': z.strictObject({}),
  'templates.get': TemplateGetSchema,
  'templates.check': TemplateCheckSchema,
  'templates.save': TemplateSaveSchema,
  'templates.archive': TemplateArchiveSchema,
  'templates.preview': TemplatePreviewSchema,
  'letters.settingsGet': z.strictObject({}),
  'letters.settingsUpdate': LetterSettingsUpdateSchema,
  'letters.send': LettersSendSchema,
  'letters.file': LetterFileSchema,
  'letters.list': LetterListSchema,
  'letters.dueToday': LettersDueSchema,
  'letters.review': LettersReviewSchema,
  'statements.print': StatementsPrintSchema,
  'statements.customers': StatementsCustomersSchema,
  'certified.record': CertifiedRecordSchema,
  'certified.receipt': CertifiedReceiptSchema,
  'certified.log': CertifiedLogSchema,
  'certified.logPdf': CertifiedLogSchema,
  'jobs.start': JobStartSchema,
  'jobs.poll': JobPollSchema,
  'jobs.cancel': JobCancelSchema,
  'backups.list': z.strictObject({}),
  'backups.create': BackupCreateSchema,
  'backups.settingsUpdate': BackupSettingsSchema,
  'backups.restore': BackupRestoreSchema,
  'imports.inspect': ImportInspectSchema,
  'imports.run': ImportRunSchema,
  'imports.detectSource': ImportDetectSourceSchema,
  'imports.source': ImportSourceSchema,
  'demo.load': DemoLoadSchema,
  'bureau.preview': BureauPreviewSchema,
  'bureau.export': BureauExportSchema,
  'bureau.list': z.strictObject({}),
  'bureau.file': BureauFileSchema,
  'bureau.verify': z.strictObject({}),
  'templates.copyFrom': CopyTemplateSchema,
  'policy.copyFrom': CopyPolicySchema,
  'ledgers.list': LedgerListSchema,
  'ledgers.create': LedgerCreateSchema,
  'ledgers.add': LedgerAddSchema,
  'ledgers.rename': LedgerRenameSchema,
  'ledgers.forget': LedgerNameSchema,
  'today.overview': TodaySchema,
  'mail.settingsGet': z.strictObject({}),
  'mail.settingsSave': MailSettingsSaveSchema,
  'mail.test': MailTestSchema,
  'mail.send': MailSendSchema,
  'mail.retry': MailRetrySchema,
  'mail.list': MailListSchema,
  'mail.eml': MailEmlSchema,
} as const;

/**
 * Methods about the list of ledgers rather than one ledger: answered by the desk
 * (src-main/ledgers/desk-service.ts), not by the handlers bound to an open ledger.
 */
export const DESK_METHODS = ['ledgers.list', 'ledgers.create', 'ledgers.add', 'ledgers.rename', 'ledgers.forget', 'today.overview'] as const;
export type DeskMethod = (typeof DESK_METHODS)[number];

export interface AppInfo {
  name: string;
  version: string;
  ledgerPath: string;
  schemaVersion: number;
  /** How the window writes money: the ledger's currency in the backend's locale, as letters do. */
  currency: string;
  locale: string;
}

export interface Outputs {
  'letters.send': LettersSent;
  'letters.file': ArchivedLetterFile;
  'letters.list': LetterSummary[];
  'letters.dueToday': LettersDueGroup[];
  'letters.review': LettersReview;
  'statements.print': LettersSent;
  'statements.customers': StatementsTarget;
  'certified.record': LetterSummary;
  'certified.receipt': LetterSummary;
  'certified.log': CertifiedLogEntry[];
  'certified.logPdf': LetterPdfFile;
  'plans.propose': PlanProposal;
  'plans.create': PaymentPlan;
  'plans.sign': PaymentPlan;
  'plans.cancel': PaymentPlan;
  'plans.list': PaymentPlan[];
  'plans.agreement': PlanAgreementFile;
  'templates.list': TemplateSummary[];
  'templates.fields': TemplateFields;
  'templates.get': TemplateDetail;
  'templates.check': { problems: TemplateProblem[] };
  'templates.save': TemplateDetail;
  'templates.archive': TemplateSummary;
  'templates.preview': TemplatePreview;
  'letters.settingsGet': LetterSettingsData;
  'letters.settingsUpdate': LetterSettingsData;
  'app.info': AppInfo;
  'clock.get': ClockState;
  'clock.set': ClockState;
  'customers.list': CustomerPage;
  'customers.get': CustomerDetail;
  'customers.create': CustomerDetail;
  'customers.update': CustomerDetail;
  'invoices.create': CreatedInvoice;
  'payments.record': PostedEntry;
  'payments.deposit': DepositPosted;
  'payments.preview': DepositPreview;
  'credits.record': PostedEntry;
  'writeOffs.record': { id: number };
  'writeOffs.recordMany': { ids: number[] };
  'allocations.apply': PostedEntry;
  'aging.report': AgingReportData;
  'aging.page': AgingPageData;
  'aging.export': ExportedFile;
  'customers.card': CustomerCard;
  'customers.setStatus': CustomerDetail;
  'activities.record': RecordedActivity;
  'timeline.list': TimelinePage;
  'disputes.update': { ok: true };
  'disputes.resolve': DisputeResolved;
  'settings.get': LedgerSettings;
  'settings.update': LedgerSettings;
  'drafts.get': { body: string | null };
  'drafts.put': { ok: true };
  'worklist.list': Worklist;
  'worklist.act': WorkActed;
  'worklist.undo': { ok: true };
  'fees.rulesGet': FeeRules;
  'fees.rulesUpdate': FeeRules;
  'fees.preview': FeePreview;
  'fees.apply': FeesApplied;
  'writeOffs.list': WriteOffSummary[];
  'recoveries.record': RecoveryRecorded;
  'profiles.suggest': ProfileSuggestion;
  'profiles.set': ProfileSet;
  'profiles.strategies': Record<Profile, ProfileStrategy>;
  'reports.disputes': DisputeReport;
  'reports.dso': DsoResult;
  'reports.cei': CeiResult;
  'reports.trend': AgingTrend;
  'reports.promises': PromiseReport;
  'reports.activity': ActivityReport;
  'reports.writeOffs': WriteOffReport;
  'reports.export': ExportedFile;
  'policy.get': Policy;
  'policy.save': Policy;
  'policy.reset': Policy;
  'policy.run': PolicyRunResult;
  'deliveries.confirm': ActivityEntry;
  'jobs.start': JobState;
  'jobs.poll': JobState;
  'jobs.cancel': JobState;
  'backups.list': BackupList;
  'backups.create': BackupEntry;
  'backups.settingsUpdate': BackupList;
  'backups.restore': RestoreSummary;
  'imports.inspect': ImportInspection;
  'imports.run': ImportRunResult;
  'imports.detectSource': { preset: PresetName | null };
  'imports.source': SourceImportOutcome;
  'demo.load': DemoLoaded;
  'bureau.preview': BureauPreview;
  'bureau.export': BureauExported;
  'bureau.list': BureauFileRecord[];
  'bureau.file': ExportedFile;
  'bureau.verify': ArchiveCheck;
  'templates.copyFrom': TemplateDetail;
  'policy.copyFrom': Policy;
  'ledgers.list': LedgerEntry[];
  'ledgers.create': LedgerEntry;
  'ledgers.add': LedgerEntry;
  'ledgers.rename': LedgerEntry;
  'ledgers.forget': LedgerEntry;
  'today.overview': TodayOverview;
  'mail.settingsGet': MailSettingsData;
  'mail.settingsSave': MailSettingsData;
  'mail.test': MailTestResult;
  'mail.send': MailBatchResult;
  'mail.retry': MailBatchResult;
  'mail.list': MailMessage[];
  'mail.eml': MailEmlFile;
}

export type Method = keyof typeof inputSchemas;
/** What a caller sends (defaults may be omitted). */
export type Input<M extends Method> = z.input<(typeof inputSchemas)[M]>;
/** What a handler receives after validation. */
export type ParsedInput<M extends Method> = z.output<(typeof inputSchemas)[M]>;
export type Output<M extends Method> = Outputs[M];

/** `job` reports progress and cancellation for long work (see jobs.ts); elsewhere it is inert. */
export type Handler<M extends Method> = (input: ParsedInput<M>, job: JobContext) => Promise<Output<M>>;
/** A method of one open ledger. */
export type LedgerMethod = Exclude<Method, DeskMethod>;
/** Every method of one open ledger (createHandlers). */
export type Handlers = { [M in LedgerMethod]: Handler<M> };
/** The desk's methods (deskHandlers). */
export type DeskHandlers = { [M in DeskMethod]: Handler<M> };
