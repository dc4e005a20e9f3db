import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What this needs of Electron's safeStorage (main.ts passes it in: only main and preload import electron). */
export interface SafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The mail server's password, one per ledger file, encrypted by the operating system's credential
 * store (Keychain, DPAPI, libsecret through safeStorage) in the user's data folder: never in the
 * ledger, its archive or its backups. Where the OS offers no encryption, nothing is written and the
 * password lasts only as long as the session.
 */
export function osPasswords(safe: SafeStorage, userData: string) {
  const fileFor = (ledgerPath: string) =>
    path.join(userData, 'mail-credentials', `${createHash('sha256').update(path.resolve(ledgerPath)).digest('hex').slice(0, 32)}.bin`);
  return {
    read(ledgerPath: string): string | null {
      try {
        if (!safe.isEncryptionAvailable()) return null;
        const file = fileFor(ledgerPath);
        return fs.existsSync(file) ? safe.decryptString(fs.readFileSync(file)) : null;
      } catch {
        // An unreadable entry (another user's, a changed OS key) is as good as none: the clerk types it again.
        return null;
      }
    },
    store(ledgerPath: string, password: string | null): void {
      const file = fileFor(ledgerPath);
      if (password === null) {
        fs.rmSync(file, { force: true });
        return;
      }
      if (!safe.isEncryptionAvailable()) return;
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, safe.encryptString(password), { mode: 0o600 });
    },
  };
}
