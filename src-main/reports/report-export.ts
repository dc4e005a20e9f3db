import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { ExportedFile } from '../contract/entries';
import type { JobContext } from '../contract/jobs';
import type { ReportExportSchema } from '../contract/reports';
import { noJob } from '../jobs/job-context';
import { letterSettings } from '../letters/letter-context';
import { ledgerMoney, ledgerMoneyStyle } from '../money/ledger-money';
import { activityReport } from './activity-report';
import { agingTrend } from './aging-trend';
import { cei } from './cei';
import { disputeReport } from './dispute-report';
import { dso } from './dso';
import { promiseReport } from './promise-report';
import { readSnapshot } from './read-snapshot';
import { reportCsv } from './report-format';
import { reportPdf } from './report-pdf';
import { activityTable, ceiTable, disputeTable, dsoTable, promiseTable, trendTable, writeOffTable, type ReportTable } from './report-table';
import { reportXlsx } from './report-xlsx';
import { writeOffReport } from './writeoff-report';

type ExportInput = z.output<typeof ReportExportSchema>;
/** Which report, with its own inputs (an export's without its format). */
export type ReportRequest = ExportInput extends infer T ? (T extends unknown ? Omit<T, 'format'> : never) : never;

/** Any report, as the one table every format draws; read in one snapshot of the ledger. */
export function reportTable(db: Database, r: ReportRequest, job: JobContext = noJob): ReportTable {
  return readSnapshot(db, () => {
    switch (r.report) {
      case 'dso':
        return dsoTable(dso(db, r.asOf, r.method, r.days));
      case 'cei':
        return ceiTable(cei(db, r.from, r.to));
      case 'trend':
        return trendTable(agingTrend(db, r.asOf, r.months, job));
      case 'promises':
        return promiseTable(promiseReport(db, r.from, r.to));
      case 'activity':
        return activityTable(activityReport(db, r.from, r.to));
      case 'writeOffs':
        return writeOffTable(writeOffReport(db, r.from, r.to));
      case 'disputes':
        return disputeTable(disputeReport(db, r.asOf));
    }
  });
}

const MIME = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** `reports.export`: one report as CSV, a workbook or a PDF printed through the letters renderer. */
export async function exportReport(db: Database, input: z.output<typeof ReportExportSchema>, job: JobContext = noJob): Promise<ExportedFile> {
  const { format, ...request } = input;
  job.progress(0, 2, 'Reading the ledger');
  const table = reportTable(db, request, job);
  job.checkCancelled();
  job.progress(1, 2, 'Writing the file');
  const bytes =
    format === 'csv'
      ? Buffer.from(reportCsv(table), 'utf8')
      : format === 'xlsx'
        ? await reportXlsx(table, ledgerMoneyStyle(db))
        : await reportPdf(table, letterSettings(db), ledgerMoney(db));
  return { fileName: `${table.fileStem}.${format}`, mimeType: MIME[format], base64: bytes.toString('base64') };
}
