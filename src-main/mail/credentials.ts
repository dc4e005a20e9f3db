import type { MailPasswordSource } from '../contract/mail';

/**
 * Where the mail server's password is kept: never in the ledger. Services see only this
 * interface; Electron's main process backs it with the operating system's credential store
 * (src-main/electron/os-credentials.ts), browser mode and the CLI with memory for the session,
 * falling back to SETTLE_SMTP_PASSWORD.
 */
export interface CredentialStore {
  /** The password to log in with, or null, and where it came from. */
  read(): { password: string | null; source: MailPasswordSource };
  /** Keeps a new password (null forgets the one kept). */
  write(password: string | null): void;
}

/** The variable a password may come from in browser mode and the CLI (never a command-line flag). */
export const PASSWORD_ENV = 'SETTLE_SMTP_PASSWORD';

// Per ledger file, for as long as this thread runs: typing it once serves every window of the session.
const session = new Map<string, string>();

/** The session's store for one ledger: what was typed in this session, else SETTLE_SMTP_PASSWORD. */
export function sessionCredentials(ledgerPath: string, env: NodeJS.ProcessEnv = process.env): CredentialStore {
  return {
    read() {
      const typed = session.get(ledgerPath);
      if (typed !== undefined) return { password: typed, source: 'session' };
      const fromEnv = env[PASSWORD_ENV];
      return fromEnv ? { password: fromEnv, source: 'environment' } : { password: null, source: 'none' };
    },
    write(password) {
      if (password) session.set(ledgerPath, password);
      else session.delete(ledgerPath);
    },
  };
}

/** What a credential store hands to a job worker for the length of one job. */
export type HandedPassword = ReturnType<CredentialStore['read']>;

/**
 * A job worker's store: the backend hands it the password with each job (jobs run on other
 * threads, whose session memory is their own), and takes it back when the job ends.
 */
export class HandedCredentials implements CredentialStore {
  private handed: HandedPassword = { password: null, source: 'none' };

  hand(password: HandedPassword | undefined): void {
    this.handed = password ?? { password: null, source: 'none' };
  }

  read(): HandedPassword {
    return this.handed;
  }

  write(password: string | null): void {
    this.handed = password ? { password, source: 'session' } : { password: null, source: 'none' };
  }
}

/**
 * The backend's store where Electron runs: the password the OS credential store holds, handed over
 * by the main process at start, and each new one handed back to it (`keep`) to encrypt and store.
 */
export function osCredentials(handed: { password: string | null }, keep: (password: string | null) => void): CredentialStore {
  let password = handed.password;
  return {
    read: () => ({ password, source: password === null ? 'none' : 'stored' }),
    write(next) {
      password = next;
      keep(next);
    },
  };
}
