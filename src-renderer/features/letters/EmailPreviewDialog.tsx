import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { LetterReviewRow, TemplatePreview } from '../../../src-main/contract';
import { call } from '../../api/client';
import { ErrorAlert } from '../../app/DialogParts';
import { saveEml } from './eml-download';
import { openLetterPreview } from './letter-preview';

/** One email of a batch as the customer would get it: who it goes to, its subject and text, the letter it attaches. */
export function EmailPreviewDialog({ row, templateId, letterDate, onClose }: { row: LetterReviewRow; templateId: number; letterDate: string; onClose(): void }) {
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    call('templates.preview', { id: templateId, customerId: row.customerId, letterDate }).then(
      (p) => live && setPreview(p),
      (err: Error) => live && setMessage(err.message),
    );
    return () => {
      live = false;
    };
  }, [templateId, row.customerId, letterDate]);

  async function openPdf() {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await openLetterPreview(templateId, row, letterDate));
    } catch (err) {
      setMessage((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function eml() {
    setBusy(true);
    setMessage(null);
    try {
      await saveEml(templateId, row.customerId, letterDate);
    } catch (err) {
      setMessage((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const to = row.email;
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="email-preview-title">
      <DialogTitle id="email-preview-title">Email to {row.customerName}</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        {to && (
          <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5, m: 0, mb: 2 }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              To
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0 }}>
              {to.to.join(', ') || '—'}
            </Typography>
            {to.cc.length > 0 && (
              <>
                <Typography component="dt" variant="body2" color="text.secondary">
                  Cc
                </Typography>
                <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                  {to.cc.join(', ')}
                </Typography>
              </>
            )}
            {to.bcc.length > 0 && (
              <>
                <Typography component="dt" variant="body2" color="text.secondary">
                  Bcc
                </Typography>
                <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                  {to.bcc.join(', ')}
                </Typography>
              </>
            )}
          </Box>
        )}
        {preview === null ? (
          !message && <Typography color="text.secondary">Merging the email…</Typography>
        ) : preview.email ? (
          <Box role="document" aria-label="Merged email">
            <Typography sx={{ fontWeight: 600, mb: 1 }}>{preview.email.subject}</Typography>
            <Typography component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', m: 0 }}>
              {preview.email.text}
            </Typography>
          </Box>
        ) : (
          <Typography color="text.secondary">This template has no email text: write its email subject and body under Templates.</Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button disabled={busy} onClick={() => void openPdf()}>
          Open the letter PDF
        </Button>
        <Button disabled={busy} onClick={() => void eml()}>
          Save as .eml
        </Button>
        <Button variant="contained" onClick={onClose}>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
