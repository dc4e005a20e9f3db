import PrintIcon from '@mui/icons-material/Print';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import type { CertifiedLogEntry } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useNav } from '../../app/navigation';
import { DateField } from '../../app/DateField';
import { formatDate, toIsoDate } from '../../lib/dates';
import { printPdf, savePdf } from '../../lib/pdf-output';
import { RecordMailingDialog, ReturnReceiptDialog } from './CertifiedDialogs';
import { groupedTracking, type PrintedPdf } from './letter-files';

/**
 * One day's certified mail: the letters mailed that day and those dated that day still to be
 * mailed, with their tracking numbers and return receipts; printable as the post-office list.
 */
export function CertifiedMailTab() {
  const today = toIsoDate(new Date());
  const [date, setDate] = useState(today);
  const [entries, setEntries] = useState<CertifiedLogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [recording, setRecording] = useState<{ kind: 'mailing' | 'receipt'; entry: CertifiedLogEntry } | null>(null);
  const [printed, setPrinted] = useState<PrintedPdf | null>(null);
  const [printing, setPrinting] = useState(false);
  const go = useNav((s) => s.go);

  const load = useCallback(async () => {
    try {
      setEntries(await call('certified.log', { date }));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [date]);

  useEffect(() => {
    void load();
  }, [load]);

  async function printList() {
    setPrinting(true);
    try {
      const file = await call('certified.logPdf', { date });
      setPrinted({ file, opened: await printPdf(file) });
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setPrinting(false);
    }
  }

  const saved = (message: string) => {
    setRecording(null);
    setNotice(message);
    void load();
  };
  const title = (e: CertifiedLogEntry) => `${e.template} to ${e.customer}, letter ${e.letterId} of ${formatDate(e.letterDate)}`;

  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 2, flexWrap: 'wrap' }}>
        <DateField label="Mailing date" value={date} onChange={(v) => v && setDate(v)} width={180} />
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
          Letters mailed on this day, and certified letters dated this day that are still to be mailed.
        </Typography>
        <Button variant="outlined" startIcon={<PrintIcon />} disabled={printing || entries === null} onClick={() => void printList()}>
          Print mailing list
        </Button>
      </Box>
      {error && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {notice && (
        <Alert severity="success" role="status" sx={{ mb: 2 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {printed && !printed.opened && (
        <Alert
          severity="warning"
          sx={{ mb: 2 }}
          onClose={() => setPrinted(null)}
          action={
            <Button color="inherit" size="small" onClick={() => void savePdf(printed.file)}>
              Save PDF
            </Button>
          }
        >
          The browser did not open a new tab for the mailing list: save the PDF and print it from there.
        </Alert>
      )}
      {entries !== null && entries.length === 0 ? (
        <Typography color="text.secondary">No certified letters are dated or mailed on {formatDate(date)}.</Typography>
      ) : (
        entries && (
          <Paper variant="outlined">
            <Table size="small" aria-label="Certified mail">
              <TableHead>
                <TableRow>
                  <TableCell>Customer</TableCell>
                  <TableCell>Address</TableCell>
                  <TableCell>Letter</TableCell>
                  <TableCell>Tracking number</TableCell>
                  <TableCell>Mailed</TableCell>
                  <TableCell>Return receipt</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {entries.map((e) => (
                  <TableRow key={e.letterId}>
                    <TableCell>
                      <Link component="button" variant="body2" onClick={() => go('customers', e.customerId)}>
                        {e.customer}
                      </Link>
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'pre-line' }}>{e.addressLines.join('\n')}</TableCell>
                    <TableCell>
                      {e.template}
                      <Typography variant="caption" display="block" color="text.secondary">
                        Letter {e.letterId}, {formatDate(e.letterDate)}
                      </Typography>
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{e.trackingNumber ? groupedTracking(e.trackingNumber) : '—'}</TableCell>
                    <TableCell>{e.mailedOn ? formatDate(e.mailedOn) : 'Not yet'}</TableCell>
                    <TableCell>{e.returnReceiptOn ? `${formatDate(e.returnReceiptOn)}, signed by ${e.signedBy}` : e.mailedOn ? 'Not back yet' : ''}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {!e.mailedOn && (
                        <Button size="small" onClick={() => setRecording({ kind: 'mailing', entry: e })} aria-label={`Record mailing… ${e.customer}`}>
                          Record mailing…
                        </Button>
                      )}
                      {e.mailedOn && !e.returnReceiptOn && (
                        <Button size="small" onClick={() => setRecording({ kind: 'receipt', entry: e })} aria-label={`Record return receipt… ${e.customer}`}>
                          Record return receipt…
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
        )
      )}
      {recording?.kind === 'mailing' && (
        <RecordMailingDialog letterId={recording.entry.letterId} title={title(recording.entry)} today={date} onClose={() => setRecording(null)} onSaved={(_l, m) => saved(m)} />
      )}
      {recording?.kind === 'receipt' && (
        <ReturnReceiptDialog letterId={recording.entry.letterId} title={title(recording.entry)} today={today} onClose={() => setRecording(null)} onSaved={(_l, m) => saved(m)} />
      )}
    </Box>
  );
}
