import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { Input, LettersSent } from '../../../src-main/contract';
import { call } from '../../api/client';
import { printPdf, savePdf } from '../../lib/pdf-output';
import { asPdf, type PrintedPdf } from './letter-files';

/** What a send did: the letters recorded, the PDF shown for printing, and who was skipped and why. */
export interface SendOutcome extends PrintedPdf {
  sent: LettersSent;
}

/**
 * Sends the letters (one PDF, archived and recorded), then opens that PDF for printing. `send`
 * is how the batch runs: as a job with a progress bar where the page shows one.
 */
export async function sendAndOpen(
  input: Input<'letters.send'>,
  send: (input: Input<'letters.send'>) => Promise<LettersSent> = (i) => call('letters.send', i),
): Promise<SendOutcome> {
  const sent = await send(input);
  const file = asPdf(await call('letters.file', { fileId: sent.fileId }));
  return { sent, file, opened: await printPdf(file) };
}

/** What a batch is called: letters, or statements (which are letters the clerk asked for as statements). */
export interface BatchNoun {
  one: string;
  many: string;
}

export const LETTERS: BatchNoun = { one: 'letter', many: 'letters' };

export function sentMessage(sent: LettersSent, noun: BatchNoun = LETTERS): string {
  const n = sent.letters.length;
  return `${n} ${n === 1 ? noun.one : noun.many} sent, on each customer’s timeline (${sent.pages} ${sent.pages === 1 ? 'page' : 'pages'}, archived as ${sent.fileName}).`;
}

export function SentNotice({ outcome, onClose, noun = LETTERS }: { outcome: SendOutcome; onClose?(): void; noun?: BatchNoun }) {
  const { sent, file, opened } = outcome;
  return (
    <Alert
      severity={sent.skipped.length > 0 || !opened ? 'warning' : 'success'}
      role="status"
      sx={{ mb: 2 }}
      onClose={onClose}
      action={
        <Button color="inherit" size="small" onClick={() => void savePdf(file)}>
          Save PDF
        </Button>
      }
    >
      {sentMessage(sent, noun)}
      {!opened && <Box>The browser did not open a new tab for the PDF: save it and print it from there.</Box>}
      {sent.skipped.length > 0 && (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }} aria-label="Not sent">
          {sent.skipped.map((s) => (
            <li key={s.customerId}>Not sent: {s.reason}</li>
          ))}
        </Box>
      )}
    </Alert>
  );
}
