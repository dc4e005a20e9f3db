import type { Handlers, MailBatchResult, MailSettingsData, MailTestResult } from '../contract';
import { MailSettingsSaveSchema } from '../contract/mail';
import { Ledger } from '../ledger/ledger';
import { PASSWORD_ENV, sessionCredentials } from '../mail/credentials';
import { readMailSettings } from '../mail/mail-settings';
import { createHandlers } from '../services/create-services';
import { dispatch } from '../services/dispatch';
import { CliError } from './cli-error';

export interface MailArgs {
  host?: string;
  port?: string;
  tls?: string;
  user?: string;
  from?: string;
  fromName?: string;
  replyTo?: string;
  bccSelf?: boolean;
  to?: string;
}

export async function runMail(ledgerPath: string, sub: string | undefined, args: MailArgs): Promise<number> {
  if (sub === 'set') return set(ledgerPath, args);
  if (sub === 'test') return test(ledgerPath, args);
  throw new CliError(sub ? `Unknown mail command "${sub}": use set or test.` : 'settle mail needs a command: set or test.');
}

/**
 * A ledger's handlers for one CLI command, with the password from SETTLE_SMTP_PASSWORD or typed
 * at the terminal when the server needs one. It lives in this process's memory only.
 */
export async function withMailHandlers<T>(ledgerPath: string, run: (handlers: Handlers, call: (method: string, input: unknown) => Promise<unknown>) => Promise<T>): Promise<T> {
  const ledger = await Ledger.open(ledgerPath);
  try {
    const credentials = sessionCredentials(ledger.path);
    const settings = readMailSettings(ledger.db);
    if (settings?.user && credentials.read().password === null) {
      if (!process.stdin.isTTY) throw new CliError(`The mail server needs the password for ${settings.user}: set ${PASSWORD_ENV} (it is never taken as an option).`);
      credentials.write(await promptPassword(`Password for ${settings.user} at ${settings.host}: `));
    }
    const handlers = createHandlers(ledger, { credentials, dailyBackups: false });
    const call = async (method: string, input: unknown) => {
      const r = await dispatch(handlers, method, input, () => undefined);
      if (!r.ok) throw new CliError(r.error.fields ? `${r.error.message}${fieldsLine(r.error.fields)}` : r.error.message);
      return r.value;
    };
    return await run(handlers, call);
  } finally {
    await ledger.close();
  }
}

function fieldsLine(fields: Record<string, string>): string {
  const words = Object.entries(fields).filter(([k]) => k !== '_').map(([k, v]) => `${k}: ${v}`);
  return words.length > 0 ? ` (${words.join('; ')})` : '';
}

/** Saves the ledger's mail server. The password is not stored by the CLI: it comes from SETTLE_SMTP_PASSWORD or a prompt each time. */
async function set(ledgerPath: string, args: MailArgs): Promise<number> {
  for (const [flag, value] of [['--host', args.host], ['--port', args.port], ['--tls', args.tls], ['--from', args.from]] as const) {
    if (!value) throw new CliError(`settle mail set needs ${flag}.`);
  }
  if (!/^\d{1,5}$/.test(args.port!)) throw new CliError(`--port must be a number like 587, not "${args.port}"`);
  const parsed = MailSettingsSaveSchema.safeParse({
    host: args.host,
    port: Number(args.port),
    tls: args.tls,
    user: args.user ?? null,
    fromAddress: args.from,
    fromName: args.fromName ?? null,
    replyTo: args.replyTo ?? null,
    bccSelf: args.bccSelf ?? false,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = { host: '--host', port: '--port', tls: '--tls', user: '--user', fromAddress: '--from', fromName: '--from-name', replyTo: '--reply-to' }[String(issue.path[0])] ?? String(issue.path[0]);
    throw new CliError(`${flag}: ${issue.message}`);
  }
  const ledger = await Ledger.open(ledgerPath);
  try {
    const handlers = createHandlers(ledger, { credentials: sessionCredentials(ledger.path), dailyBackups: false });
    const r = await dispatch(handlers, 'mail.settingsSave', parsed.data, () => undefined);
    if (!r.ok) throw new CliError(r.error.message);
    const s = (r.value as MailSettingsData).settings!;
    console.log(`Mail server set: ${s.host}:${s.port} (${s.tls === 'none' ? 'no TLS' : s.tls.toUpperCase()})${s.user ? ` as ${s.user}` : ''}, from ${s.fromName ? `${s.fromName} <${s.fromAddress}>` : s.fromAddress}${s.replyTo ? `, reply to ${s.replyTo}` : ''}${s.bccSelf ? ', a copy to yourself' : ''}.`);
    if (s.user) console.log(`The password is not stored by the command line: give it in ${PASSWORD_ENV}, or type it when asked.`);
    return 0;
  } finally {
    await ledger.close();
  }
}

async function test(ledgerPath: string, args: MailArgs): Promise<number> {
  if (!args.to) throw new CliError('settle mail test needs --to ADDRESS: where to send the test message.');
  return withMailHandlers(ledgerPath, async (_h, call) => {
    const r = (await call('mail.test', { to: args.to })) as MailTestResult;
    console.log(r.ok ? `Test message accepted for ${args.to}: ${r.response}` : `The server did not take the test message: ${r.response}`);
    return r.ok ? 0 : 1;
  });
}

/** One line per customer of an email batch, then the counts; exit 1 when any failed. */
export function printMailResults(result: MailBatchResult, names: Map<number, string>): number {
  for (const r of result.results) {
    const who = names.get(r.customerId) ?? String(r.customerId);
    if (r.status === 'sent') console.log(`sent ${who}: ${r.response}`);
    else if (r.status === 'failed') console.log(`failed ${who} (message ${r.messageId}): ${r.response}`);
    else console.log(`skipped ${who}: ${r.response}`);
  }
  console.log(`${result.sent} sent, ${result.failed} failed, ${result.skipped} skipped.${result.failed > 0 ? ' Failed messages can be sent again from Letters → Email.' : ''}`);
  return result.failed > 0 ? 1 : 0;
}

/** Reads a line from the terminal without echoing it. */
function promptPassword(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new CliError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
