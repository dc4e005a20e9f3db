import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { osPasswords, type SafeStorage } from '../../src-main/electron/os-credentials';
import { HandedCredentials, osCredentials, sessionCredentials } from '../../src-main/mail/credentials';

const PASSWORD = 'hunter-2-Kq!';

// Stands in for the OS: a reversible scramble, so a plain-text copy on disk would show.
const fakeSafe = (available = true): SafeStorage => ({
  isEncryptionAvailable: () => available,
  encryptString: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
});

describe('where the mail password is kept', () => {
  it('in a session: what was typed, else SETTLE_SMTP_PASSWORD, each ledger its own', () => {
    const a = sessionCredentials('/tmp/a.sqlite', {});
    const b = sessionCredentials('/tmp/b.sqlite', { SETTLE_SMTP_PASSWORD: 'from-env' });
    expect(a.read()).toEqual({ password: null, source: 'none' });
    expect(b.read()).toEqual({ password: 'from-env', source: 'environment' });
    a.write(PASSWORD);
    expect(sessionCredentials('/tmp/a.sqlite', {}).read()).toEqual({ password: PASSWORD, source: 'session' });
    expect(b.read().source).toBe('environment');
    a.write(null);
    expect(a.read()).toEqual({ password: null, source: 'none' });
  });

  it('in Electron: encrypted by the OS store in the user folder, never in plain text; handed back to main on save', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-cred-'));
    try {
      const store = osPasswords(fakeSafe(), dir);
      expect(store.read('/books/a.sqlite')).toBeNull();
      store.store('/books/a.sqlite', PASSWORD);
      expect(store.read('/books/a.sqlite')).toBe(PASSWORD);
      expect(store.read('/books/b.sqlite')).toBeNull();
      const files = fs.readdirSync(dir, { recursive: true }) as string[];
      const written = files.map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
      expect(written).toHaveLength(1);
      expect(fs.readFileSync(written[0]).includes(PASSWORD)).toBe(false);
      store.store('/books/a.sqlite', null);
      expect(store.read('/books/a.sqlite')).toBeNull();
      // Without OS encryption nothing is written at all.
      osPasswords(fakeSafe(false), dir).store('/books/a.sqlite', PASSWORD);
      expect((fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile())).toEqual([]);

      const kept: (string | null)[] = [];
      const backend = osCredentials({ password: 'old' }, (p) => kept.push(p));
      expect(backend.read()).toEqual({ password: 'old', source: 'stored' });
      backend.write(PASSWORD);
      expect(kept).toEqual([PASSWORD]);
      expect(backend.read()).toEqual({ password: PASSWORD, source: 'stored' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in a job worker: only for the length of the job it was handed with', () => {
    const worker = new HandedCredentials();
    worker.hand({ password: PASSWORD, source: 'stored' });
    expect(worker.read()).toEqual({ password: PASSWORD, source: 'stored' });
    worker.hand(undefined);
    expect(worker.read()).toEqual({ password: null, source: 'none' });
  });
});
