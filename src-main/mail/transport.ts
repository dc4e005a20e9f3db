import nodemailer from 'nodemailer';
import type { MailSettings } from '../contract/mail';
import type { Envelope } from './compose';

/** What the server said about one message. `accepted` empty: nothing was delivered. */
export interface ServerAnswer {
  accepted: string[];
  rejected: string[];
  response: string;
}

/** Hands finished bytes to a mail server. The service takes one so a test may count deliveries. */
export interface MailTransport {
  send(envelope: Envelope, raw: Buffer): Promise<ServerAnswer>;
  close(): void;
}

export type TransportFactory = (settings: MailSettings, password: string | null) => MailTransport;

/** The server's words for a failure, without anything the caller passed in (the password is never in them). */
export function answerOf(err: unknown): ServerAnswer {
  const e = err as { response?: string; message?: string; code?: string; rejected?: string[]; rejectedErrors?: { response?: string }[] };
  const words = e.rejectedErrors?.map((r) => r.response).filter(Boolean).join('; ') || e.response || [e.code, e.message].filter(Boolean).join(': ') || 'The server did not answer';
  return { accepted: [], rejected: e.rejected ?? [], response: words };
}

/** nodemailer over SMTP with the ledger's settings: TLS from the first byte, STARTTLS required, or none. */
export const smtpTransport: TransportFactory = (settings, password) => {
  const transporter = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.tls === 'tls',
    requireTLS: settings.tls === 'starttls',
    ignoreTLS: settings.tls === 'none',
    auth: settings.user ? { user: settings.user, pass: password ?? '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // nodemailer's own logger stays off: nothing about the session is written anywhere.
    logger: false,
    debug: false,
  });
  return {
    async send(envelope, raw) {
      try {
        const info = (await transporter.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw })) as unknown as {
          accepted?: unknown[];
          rejected?: unknown[];
          rejectedErrors?: { response?: string; message?: string }[];
          response?: string;
        };
        const rejected = (info.rejected ?? []).map(String);
        // Some recipients refused, others taken: the refusals first, then the server's word on the rest.
        const refusals = (info.rejectedErrors ?? []).map((e) => e.response ?? e.message ?? '').filter(Boolean);
        return { accepted: (info.accepted ?? []).map(String), rejected, response: [...refusals, info.response ?? ''].filter(Boolean).join('; ') };
      } catch (err) {
        return answerOf(err);
      }
    },
    close: () => transporter.close(),
  };
};
