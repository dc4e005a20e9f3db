import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'Settle';
export const LEDGER_FILE_NAME = 'ledger.sqlite';

/**
 * The per-user data directory, matching what Electron's app.getPath('userData') gives for a
 * product named "Settle", so the app, browser mode and the CLI all open the same file.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  }
  if (platform === 'darwin') {
    return path.join(os.homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  }
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), APP_DIR_NAME);
}

/** --ledger beats SETTLE_LEDGER beats the default in the user data directory. */
export function resolveLedgerPath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  defaultDir: string = userDataDir(env),
): string {
  const chosen = flag || env.SETTLE_LEDGER || path.join(defaultDir, LEDGER_FILE_NAME);
  return path.resolve(chosen);
}

/** True when the user named the ledger (--ledger or SETTLE_LEDGER) rather than taking the app's own default file. */
export function ledgerIsNamed(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(flag || env.SETTLE_LEDGER);
}

/**
 * Why a ledger should not be opened, or null. A file the user named must exist unless they ask
 * for a new one, so a typo in a path cannot quietly become an empty ledger that reports nothing
 * owed. The app's own default file is made on first start, as any desktop app makes its data.
 */
export function missingLedgerProblem(ledgerPath: string, opts: { named: boolean; create: boolean }, exists: (p: string) => boolean): string | null {
  if (exists(ledgerPath) || opts.create || !opts.named) return null;
  return `There is no ledger at ${ledgerPath}: check the path. To start a new ledger there, run settle init ${quoteIfNeeded(ledgerPath)} (or add --create).`;
}

function quoteIfNeeded(p: string): string {
  return /[\s"'$`\\]/.test(p) ? `"${p.replace(/(["$`\\])/g, '\\$1')}"` : p;
}
