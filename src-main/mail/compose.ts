import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailRecipients, MailSettings } from '../contract/mail';
import type { EmailText } from './email-text';

export interface ComposeInput {
  settings: MailSettings;
  recipients: MailRecipients;
  text: EmailText;
  pdf: { fileName: string; bytes: Buffer } | null;
  date: Date;
}

/** The SMTP envelope: who the server delivers to (Bcc is in the envelope, never in the headers). */
export interface Envelope {
  from: string;
  to: string[];
}

/**
 * The exact bytes of one message (RFC 5322, MIME), built once: they are archived as the .eml and
 * the very same bytes are handed to the server, so the archive is what was sent.
 */
export async function composeMessage(x: ComposeInput): Promise<{ raw: Buffer; envelope: Envelope; messageId: string }> {
  const domain = x.settings.fromAddress.split('@')[1] ?? 'settle.invalid';
  const messageId = `<${randomUUID()}@${domain}>`;
  const composer = new MailComposer({
    from: x.settings.fromName ? { name: x.settings.fromName, address: x.settings.fromAddress } : x.settings.fromAddress,
    to: x.recipients.to,
    cc: x.recipients.cc.length > 0 ? x.recipients.cc : undefined,
    replyTo: x.settings.replyTo ?? undefined,
    subject: x.text.subject,
    text: x.text.text,
    html: x.text.html,
    date: x.date,
    messageId,
    attachments: x.pdf ? [{ filename: x.pdf.fileName, content: x.pdf.bytes, contentType: 'application/pdf' }] : [],
  });
  const raw = await new Promise<Buffer>((resolve, reject) => composer.compile().build((err, message) => (err ? reject(err) : resolve(message))));
  return { raw, envelope: { from: x.settings.fromAddress, to: [...x.recipients.to, ...x.recipients.cc, ...x.recipients.bcc] }, messageId };
}
