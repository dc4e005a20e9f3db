import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { app, safeStorage } from 'electron';

/**
 * The mail server's password, one per ledger file, encrypted by the operating system's credential
 * store (Keychain, DPAPI, libsecret through safeStorage) in the user's data folder: never in the
 * ledger, its archive or its backups. Where the OS offers no encryption, nothing is written and the
 * password lasts only as long as the session.
 */
function fileFor(ledgerPath: string): string {
  const id = createHash('sha256').update(path.resolve(ledgerPath)).digest('hex').slice(0, 32);
  return path.join(app.getPath('userData'), 'mail-credentials', `${id}.bin`);
}

export function readStoredPassword(ledgerPath: string): string | null {
  try {
    if (!safeStorage.isEncryptionAvailable()) return null;
    const file = fileFor(ledgerPath);
    return fs.existsSync(file) ? safeStorage.decryptString(fs.readFileSync(file)) : null;
  } catch {
    // An unreadable entry (another user's, a changed OS key) is as good as none: the clerk types it again.
    return null;
  }
}

export function storePassword(ledgerPath: string, password: string | null): void {
  const file = fileFor(ledgerPath);
  if (password === null) {
    fs.rmSync(file, { force: true });
    return;
  }
  if (!safeStorage.isEncryptionAvailable()) return;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, safeStorage.encryptString(password), { mode: 0o600 });
}
