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
