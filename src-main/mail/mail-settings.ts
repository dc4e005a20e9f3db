import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { MailSettings, MailSettingsData, MailSettingsSaveSchema } from '../contract/mail';
import { writeTransaction } from '../ledger/write-transaction';
import type { CredentialStore } from './credentials';

interface SettingRow {
  host: string;
  port: number;
  tls: MailSettings['tls'];
  user: string | null;
  from_address: string;
  from_name: string | null;
  reply_to: string | null;
  bcc_self: number;
}

/** The ledger's mail server, or null before it is set up. The password is not in the ledger. */
export function readMailSettings(db: Database): MailSettings | null {
  const r = db.prepare('SELECT host, port, tls, user, from_address, from_name, reply_to, bcc_self FROM mail_setting WHERE id = 1').get() as SettingRow | undefined;
  if (!r) return null;
  return { host: r.host, port: r.port, tls: r.tls, user: r.user, fromAddress: r.from_address, fromName: r.from_name, replyTo: r.reply_to, bccSelf: r.bcc_self === 1 };
}

export function mailSettingsData(db: Database, credentials: CredentialStore): MailSettingsData {
  return { settings: readMailSettings(db), password: credentials.read().source };
}

/** Saves the server settings in the ledger and hands the password (if given) to the credential store only. */
export function saveMailSettings(db: Database, credentials: CredentialStore, x: z.output<typeof MailSettingsSaveSchema>, at: Date): MailSettingsData {
  writeTransaction(db, () => {
    db.prepare(
      `INSERT INTO mail_setting (id, host, port, tls, user, from_address, from_name, reply_to, bcc_self, updated_at)
       VALUES (1, @host, @port, @tls, @user, @fromAddress, @fromName, @replyTo, @bccSelf, @at)
       ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port, tls = excluded.tls, user = excluded.user,
         from_address = excluded.from_address, from_name = excluded.from_name, reply_to = excluded.reply_to, bcc_self = excluded.bcc_self,
         updated_at = excluded.updated_at`,
    ).run({ host: x.host, port: x.port, tls: x.tls, user: x.user, fromAddress: x.fromAddress, fromName: x.fromName, replyTo: x.replyTo, bccSelf: x.bccSelf ? 1 : 0, at: at.toISOString() });
  })();
  if (x.password !== undefined) credentials.write(x.password ? x.password : null);
  return mailSettingsData(db, credentials);
}
