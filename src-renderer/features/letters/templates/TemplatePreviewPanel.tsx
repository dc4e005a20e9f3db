import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { TemplateAddressee, TemplatePreview } from '../../../../src-main/contract';
import { call } from '../../../api/client';
import { toIsoDate } from '../../../lib/dates';
import { downloadFile } from '../../../lib/download';
import { openPdfTab } from '../../../lib/pdf-output';
import { formatMoney } from '../../../lib/money';
import { CustomerPicker, type PickedCustomer } from './CustomerPicker';
import { BLOCK_NAMES } from './template-labels';

export interface PreviewDraft {
  subject: string;
  body: string;
  addressedTo: TemplateAddressee;
  emailSubject: string;
  emailBody: string;
}

function longDate(iso: string): string {
  return new Date(`${iso}T12:00:00`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}


/** The letter being edited, merged for a real customer as of today, refreshed a moment after typing stops. */
export function TemplatePreviewPanel({
  draft,
  name,
  customer,
  onCustomer,
}: {
  draft: PreviewDraft;
  name: string;
  customer: PickedCustomer | null;
  onCustomer(c: PickedCustomer | null): void;
}) {
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pdfMessage, setPdfMessage] = useState<string | null>(null);
  const [making, setMaking] = useState(false);
  const today = toIsoDate(new Date());
  const { subject, body, addressedTo, emailSubject, emailBody } = draft;

  // Start with someone to write to, so the preview shows at once.
  useEffect(() => {
    if (customer) return;
    let live = true;
    call('customers.list', { search: '', limit: 1 }).then(
      (p) => live && p.rows[0] && onCustomer({ id: p.rows[0].id, code: p.rows[0].code, name: p.rows[0].name }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [customer, onCustomer]);

  useEffect(() => {
    if (!customer) return;
    let live = true;
    const timer = setTimeout(() => {
      call('templates.preview', { draft: { subject, body, addressedTo, emailSubject, emailBody }, customerId: customer.id, letterDate: today }).then(
        (p) => {
          if (!live) return;
          setPreview(p);
          setError(null);
        },
        (err: Error) => live && setError(err.message),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [subject, body, addressedTo, emailSubject, emailBody, customer, today]);

  async function openPdf() {
    if (!customer) return;
    setMaking(true);
    setPdfMessage(null);
    try {
      const p = await call('templates.preview', { draft: { subject, body, addressedTo }, customerId: customer.id, letterDate: today, withPdf: true });
      if (!p.pdf) {
        setPdfMessage(p.missing ?? (p.problems.length > 0 ? 'Fix the problems in the template first.' : 'The PDF could not be made.'));
        return;
      }
      const fileName = `${name || 'letter'} - ${customer.code} (preview).pdf`;
      // The desktop window opens no tabs: the preview is saved like any export.
      if (window.settle) {
        downloadFile({ fileName, mimeType: 'application/pdf', base64: p.pdf });
        return;
      }
      if (!openPdfTab({ fileName, mimeType: 'application/pdf', base64: p.pdf })) setPdfMessage('The browser blocked the new tab: allow pop-ups for Settle to see the PDF.');
    } catch (err) {
      setPdfMessage((err as Error).message);
    } finally {
      setMaking(false);
    }
  }

  const money = formatMoney;

  return (
    <Paper variant="outlined" component="section" aria-labelledby="preview-title" sx={{ p: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Typography id="preview-title" variant="h6" component="h3" sx={{ flexGrow: 1 }}>
          Preview
        </Typography>
        <CustomerPicker label="Preview for customer" value={customer} onChange={onCustomer} />
        <Button variant="outlined" disabled={!customer || making} onClick={() => void openPdf()}>
          Preview PDF
        </Button>
      </Box>
      {pdfMessage && (
        <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
          {pdfMessage}
        </Alert>
      )}
      {error && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {!customer && <Typography color="text.secondary">Add a customer to see the letter merged for them.</Typography>}
      {customer && preview && (
        <Box role="document" aria-label="Merged letter" sx={{ fontSize: 14 }}>
          {preview.missing && (
            <Alert severity="info" role="note" sx={{ mb: 2 }}>
              {preview.missing}
            </Alert>
          )}
          {preview.emptyFields.length > 0 && (
            <Alert severity="info" role="note" sx={{ mb: 2 }}>
              Blank in this letter: {preview.emptyFields.map((f) => `{{${f}}}`).join(', ')}. Fill them in under Settings → Letterhead and letters, or on the customer.
            </Alert>
          )}
          <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 2, mb: 2 }}>
            <Box aria-label="Address" sx={{ whiteSpace: 'pre-line' }}>
              {preview.addressLines.join('\n')}
            </Box>
            <Typography variant="body2">{longDate(preview.letterDate)}</Typography>
          </Box>
          <Typography sx={{ fontWeight: 600, mb: 2 }} aria-label="Subject">
            {preview.subject}
          </Typography>
          {preview.blocks.map((b, i) => {
            if (b.kind === 'paragraph')
              return (
                <Typography key={i} paragraph sx={{ whiteSpace: 'pre-line' }}>
                  {b.text}
                </Typography>
              );
            if (b.kind === 'open_items_table')
              return (
                <Table key={i} size="small" aria-label="Open items" sx={{ mb: 2 }}>
                  <TableHead>
                    <TableRow>
                      <TableCell>Invoice</TableCell>
                      <TableCell>Due</TableCell>
                      <TableCell align="right">Days past due</TableCell>
                      <TableCell align="right">Open</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {preview.openItems.map((o) => (
                      <TableRow key={`${o.number}-${o.seq ?? 0}`}>
                        <TableCell>{o.seq ? `${o.number} / ${o.seq}` : o.number}</TableCell>
                        <TableCell>{longDate(o.dueDate)}</TableCell>
                        <TableCell align="right">{o.daysPastDue > 0 ? o.daysPastDue : ''}</TableCell>
                        <TableCell align="right">{formatMoney(o.openAmount)}</TableCell>
                      </TableRow>
                    ))}
                    {preview.totals.unapplied !== 0 && (
                      <TableRow>
                        <TableCell colSpan={3}>Payments and credits not yet applied</TableCell>
                        <TableCell align="right">{formatMoney(preview.totals.unapplied)}</TableCell>
                      </TableRow>
                    )}
                    <TableRow>
                      <TableCell colSpan={3} sx={{ fontWeight: 600 }}>
                        Total due
                      </TableCell>
                      <TableCell align="right" sx={{ fontWeight: 600 }}>
                        {money(preview.totals.due)}
                      </TableCell>
                    </TableRow>
                  </TableBody>
                </Table>
              );
            if (b.kind === 'plan_schedule_table')
              return (
                <Table key={i} size="small" aria-label="Payment plan schedule" sx={{ mb: 2 }}>
                  <TableHead>
                    <TableRow>
                      <TableCell>Instalment</TableCell>
                      <TableCell>Due</TableCell>
                      <TableCell align="right">Amount</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {preview.planSchedule.map((s) => (
                      <TableRow key={s.seq}>
                        <TableCell>{s.seq}</TableCell>
                        <TableCell>{longDate(s.dueDate)}</TableCell>
                        <TableCell align="right">{formatMoney(s.amount)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              );
            return (
              <Typography key={i} paragraph color="text.secondary" sx={{ fontStyle: 'italic' }}>
                {b.kind === 'signature_lines' ? '[Signature, name and date lines for the customer and for you]' : `[${BLOCK_NAMES[b.kind]}: drawn in the PDF preview]`}
              </Typography>
            );
          })}
        </Box>
      )}
      {customer && preview?.email && (
        <Box role="document" aria-label="Merged email" sx={{ mt: 2, pt: 2, borderTop: 1, borderColor: 'divider', fontSize: 14 }}>
          <Typography variant="subtitle2" component="h4" gutterBottom>
            By email
          </Typography>
          <Typography sx={{ fontWeight: 600, mb: 1 }} aria-label="Email subject">
            {preview.email.subject}
          </Typography>
          <Typography component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', m: 0 }}>
            {preview.email.text}
          </Typography>
        </Box>
      )}
    </Paper>
  );
}
