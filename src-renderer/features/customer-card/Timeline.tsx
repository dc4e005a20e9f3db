import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { ActivityEntry, MailRecipients, TimelineItem, TimelineKind } from '../../../src-main/contract';
import { call } from '../../api/client';
import { downloadFile } from '../../lib/download';
import { formatDate, formatDateTime, toIsoDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { savePdf } from '../../lib/pdf-output';
import { DISPUTE_REASON_LABELS, OUTCOME_LABELS } from '../calls/outcomes';
import { RecordMailingDialog, ReturnReceiptDialog } from '../letters/CertifiedDialogs';
import { groupedTracking, openLetterFile, type PrintedPdf } from '../letters/letter-files';

export const FILTERS: { value: string; label: string; kinds: TimelineKind[] }[] = [
  { value: 'all', label: 'Everything', kinds: ['call', 'email', 'letter', 'visit', 'note', 'payment', 'credit', 'write_off'] },
  { value: 'calls', label: 'Calls and notes', kinds: ['call', 'visit', 'note', 'email'] },
  { value: 'letters', label: 'Letters', kinds: ['letter'] },
  { value: 'money', label: 'Payments and credits', kinds: ['payment', 'credit', 'write_off'] },
];

function when(at: string): string {
  return formatDateTime(at);
}

function describe(item: TimelineItem): { primary: string; secondary: string } {
  switch (item.type) {
    case 'payment':
      return { primary: `Payment ${item.reference}: ${formatMoney(item.amount)}`, secondary: `${when(item.at)}${item.method ? ` · ${item.method}` : ''}` };
    case 'credit':
      return { primary: `Credit note ${item.number}: ${formatMoney(item.amount)}`, secondary: `${when(item.at)}${item.reason ? ` · ${item.reason}` : ''}` };
    case 'write_off':
      return { primary: `Written off: ${formatMoney(item.amount)}`, secondary: `${when(item.at)} · ${item.reason}` };
    case 'activity': {
      const who = item.contactName ? ` with ${item.contactName}` : '';
      const kind = item.kind === 'call' ? (item.direction === 'inbound' ? 'Call from customer' : 'Call') : item.kind[0].toUpperCase() + item.kind.slice(1);
      const details = [
        item.outcome ? OUTCOME_LABELS[item.outcome] : null,
        item.promise ? `promised ${formatMoney(item.promise.amount)} by ${formatDate(item.promise.date)}` : null,
        item.dispute ? `disputed ${formatMoney(item.dispute.amount)} on ${item.dispute.invoiceNumbers.join(', ')} (${DISPUTE_REASON_LABELS[item.dispute.reason].toLowerCase()})` : null,
        item.followUpDate ? `follow up ${formatDate(item.followUpDate)}` : null,
        item.author ? `by ${item.author}` : null,
      ].filter(Boolean);
      // A sent letter's summary already says what it is ("Letter sent: …").
      const primary = item.letter ? item.summary : `${kind}${who}: ${item.summary}`;
      return { primary, secondary: [when(item.at), ...details].join(' · ') };
    }
  }
}

type Letter = NonNullable<ActivityEntry['letter']>;
type Certified = NonNullable<Letter['certified']>;

/** Where a certified letter has got to: mailed with its tracking number, and the return receipt. */
function certifiedLine(c: Certified): string {
  if (!c.mailedOn) return 'Certified mail: mailing not recorded yet';
  const mailed = `Certified mail ${groupedTracking(c.trackingNumber!)}, mailed ${formatDate(c.mailedOn)}`;
  return c.returnReceiptOn ? `${mailed} · return receipt ${formatDate(c.returnReceiptOn)}, signed by ${c.signedBy}` : `${mailed} · return receipt not back yet`;
}

/** Whom an email went to, as the timeline says it. */
function recipientsLine(r: MailRecipients): string {
  return [`Email to ${r.to.join(', ')}`, r.cc.length > 0 ? `cc ${r.cc.join(', ')}` : null, r.bcc.length > 0 ? `bcc ${r.bcc.join(', ')}` : null].filter(Boolean).join(' · ');
}

/**
 * The recipients of the emails among these entries, by letter id: the timeline entry names the
 * letter, the message record (mail.list) whom it went to.
 */
function useEmailRecipients(customerId: number | undefined, items: TimelineItem[]): Map<number, MailRecipients> {
  const [byLetter, setByLetter] = useState<Map<number, MailRecipients>>(new Map());
  const key = items.flatMap((i) => (i.type === 'activity' && i.letter?.channel === 'email' ? [i.letter.id] : [])).join(',');
  useEffect(() => {
    if (customerId === undefined || key === '') return;
    let live = true;
    call('mail.list', { customerId, status: 'sent' }).then(
      (messages) => live && setByLetter(new Map(messages.filter((m) => m.letterId !== null).map((m) => [m.letterId!, m.recipients]))),
      // The entry still says what was sent; only the recipients line is missing.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [customerId, key]);
  return byLetter;
}

interface Props {
  /** Whose timeline it is: lets an email's entry say whom it went to. */
  customerId?: number;
  items: TimelineItem[];
  filter: string;
  onFilter(f: string): void;
  onCorrect(entry: Extract<TimelineItem, { type: 'activity' }>): void;
}

export function Timeline({ customerId, items, filter, onFilter, onCorrect }: Props) {
  // What was recorded here since the card loaded: shown at once, without reloading the card.
  const [certified, setCertified] = useState<Record<number, Certified>>({});
  const [recording, setRecording] = useState<{ kind: 'mailing' | 'receipt'; letter: Letter } | null>(null);
  const [opening, setOpening] = useState<number | null>(null);
  const [printed, setPrinted] = useState<PrintedPdf | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const recipients = useEmailRecipients(customerId, items);

  async function open(letter: Letter) {
    setOpening(letter.id);
    setProblem(null);
    try {
      if (letter.channel === 'email') {
        // The archived message is the exact .eml the server accepted (checked against its SHA-256 by the service).
        downloadFile(await call('letters.file', { fileId: letter.fileId }));
        return;
      }
      setPrinted(await openLetterFile(letter.fileId, letter.firstPage));
    } catch (err) {
      setProblem((err as Error).message);
    } finally {
      setOpening(null);
    }
  }

  const letterTitle = (l: Letter) => `${l.templateName} (version ${l.version})`;

  return (
    <section aria-labelledby="timeline-title">
      <Typography id="timeline-title" variant="h6" component="h2" gutterBottom>
        Timeline
      </Typography>
      <ToggleButtonGroup exclusive size="small" value={filter} onChange={(_e, v) => v && onFilter(v)} aria-label="Show on timeline" sx={{ mb: 1 }}>
        {FILTERS.map((f) => (
          <ToggleButton key={f.value} value={f.value}>
            {f.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {problem && (
        <Alert severity="error" role="alert" sx={{ mb: 1 }} onClose={() => setProblem(null)}>
          {problem}
        </Alert>
      )}
      {notice && (
        <Alert severity="success" role="status" sx={{ mb: 1 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {printed && !printed.opened && (
        <Alert
          severity="warning"
          sx={{ mb: 1 }}
          onClose={() => setPrinted(null)}
          action={
            <Button color="inherit" size="small" onClick={() => void savePdf(printed.file)}>
              Save PDF
            </Button>
          }
        >
          The browser did not open a new tab for the letter: save the PDF and open it from there.
        </Alert>
      )}
      {items.length === 0 ? (
        <Typography color="text.secondary">Nothing here yet. Calls, notes, letters and payments will appear as they happen.</Typography>
      ) : (
        <List dense aria-label="Timeline entries">
          {items.map((item) => {
            const d = describe(item);
            return (
              <ListItem
                key={`${item.type}-${item.id}`}
                alignItems="flex-start"
                divider
                secondaryAction={
                  item.type === 'activity' ? (
                    <Button size="small" onClick={() => onCorrect(item)} aria-label={`Correct: ${item.summary.slice(0, 60)}`}>
                      Correct
                    </Button>
                  ) : undefined
                }
              >
                <Box sx={{ flex: 1, minWidth: 0, pr: 10 }}>
                  <ListItemText
                    primary={d.primary}
                    secondary={
                      <>
                        {d.secondary}
                        {item.type === 'activity' &&
                          item.corrections.map((c) => (
                            <Typography key={c.id} component="span" display="block" variant="body2" color="warning.main">
                              Corrected {when(c.occurredAt)}: {c.summary}
                            </Typography>
                          ))}
                        {item.type === 'activity' && item.letter && recipients.has(item.letter.id) && (
                          <Typography component="span" display="block" variant="body2" color="text.primary">
                            {recipientsLine(recipients.get(item.letter.id)!)}
                          </Typography>
                        )}
                        {item.type === 'activity' && item.letter?.certified && (
                          <Typography component="span" display="block" variant="body2" color="text.primary">
                            {certifiedLine(certified[item.letter.id] ?? item.letter.certified)}
                          </Typography>
                        )}
                      </>
                    }
                  />
                  {item.type === 'activity' && item.letter && (
                    <LetterActions
                      letter={item.letter}
                      certified={certified[item.letter.id] ?? item.letter.certified}
                      opening={opening === item.letter.id}
                      onOpen={() => void open(item.letter!)}
                      onRecord={(kind) => setRecording({ kind, letter: item.letter! })}
                    />
                  )}
                </Box>
              </ListItem>
            );
          })}
        </List>
      )}
      {recording &&
        (recording.kind === 'mailing' ? (
          <RecordMailingDialog
            letterId={recording.letter.id}
            title={letterTitle(recording.letter)}
            today={toIsoDate(new Date())}
            onClose={() => setRecording(null)}
            onSaved={(l, message) => {
              setCertified((c) => ({ ...c, [l.id]: l.certified! }));
              setRecording(null);
              setNotice(message);
            }}
          />
        ) : (
          <ReturnReceiptDialog
            letterId={recording.letter.id}
            title={letterTitle(recording.letter)}
            today={toIsoDate(new Date())}
            onClose={() => setRecording(null)}
            onSaved={(l, message) => {
              setCertified((c) => ({ ...c, [l.id]: l.certified! }));
              setRecording(null);
              setNotice(message);
            }}
          />
        ))}
    </section>
  );
}

/** A sent letter's buttons: the archived PDF, and the next certified-mail step if there is one. */
function LetterActions({
  letter,
  certified,
  opening,
  onOpen,
  onRecord,
}: {
  letter: Letter;
  certified: Certified | null;
  opening: boolean;
  onOpen(): void;
  onRecord(kind: 'mailing' | 'receipt'): void;
}) {
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 0.5, mb: 0.5 }}>
      <Button size="small" variant="outlined" disabled={opening} onClick={onOpen}>
        {letter.channel === 'email' ? 'Download .eml' : 'Open PDF'}
      </Button>
      {certified && !certified.mailedOn && (
        <Button size="small" onClick={() => onRecord('mailing')}>
          Record mailing…
        </Button>
      )}
      {certified?.mailedOn && !certified.returnReceiptOn && (
        <Button size="small" onClick={() => onRecord('receipt')}>
          Record return receipt…
        </Button>
      )}
      {letter.channel !== 'email' && (letter.pages > 1 || letter.firstPage > 1) && (
        <Typography variant="caption" color="text.secondary" sx={{ alignSelf: 'center' }}>
          {letter.firstPage === 1
            ? `${letter.pages} pages`
            : letter.pages === 1
              ? `Page ${letter.firstPage} of the batch it was printed in`
              : `Pages ${letter.firstPage}–${letter.firstPage + letter.pages - 1} of the batch it was printed in`}
        </Typography>
      )}
    </Box>
  );
}
