import fs from 'node:fs';
import path from 'node:path';
import type { LedgerEntry } from '../contract/ledgers';
import { ServiceError } from '../contract/service-error';
import { userDataDir } from '../ledger/ledger-path';
import { localDateTime } from '../money/dates';
import { peekLedger } from './ledger-peek';

/**
 * The consultant's list of client ledgers, kept in the user's settings (`<user data>/ledgers.json`),
 * never inside a ledger: a ledger file can be copied to another machine without carrying the
 * names of the other clients with it. Each change is written whole to a temp file and renamed
 * over the old one, so a crash leaves either list, never half of one.
 */

interface StoredEntry {
  name: string;
  path: string;
  company: string;
  lastOpened: string | null;
}

interface StoredList {
  version: 1;
  ledgers: StoredEntry[];
}

export function ledgerListFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(userDataDir(env), 'ledgers.json');
}

/** Names are compared as the clerk reads them: "Acme" and "ACME " are the same ledger. */
function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

export class LedgerList {
  constructor(
    readonly file: string = ledgerListFile(),
    private readonly now: () => Date = () => new Date(),
    private readonly warn: (message: string) => void = (m) => console.warn(m),
  ) {}

  list(): LedgerEntry[] {
    return this.read().ledgers.map((e) => ({ ...e, present: fs.existsSync(e.path) }));
  }

  /** The entry for this name (case-insensitive), or null. */
  find(name: string): LedgerEntry | null {
    return this.list().find((e) => sameName(e.name, name)) ?? null;
  }

  /**
   * Adds a ledger file (made absolute). Its name is the one given, else the company its
   * letterhead names, else the file's name; the same file added again is the entry it already has.
   */
  add(file: string, name?: string): LedgerEntry {
    const absolute = path.resolve(file);
    const stored = this.read();
    const existing = stored.ledgers.find((e) => e.path === absolute);
    if (existing) return this.entry(existing);
    const peek = peekLedger(absolute);
    if (peek.state === 'missing') throw new ServiceError('not_found', `There is no ledger at ${absolute}.`, { path: 'No file there' });
    if (peek.state === 'unreadable') throw new ServiceError('validation', peek.problem, { path: 'Not a Settle ledger' });
    const chosen = name?.trim() || peek.company || path.basename(absolute, path.extname(absolute));
    this.refuseClash(stored, chosen);
    const entry: StoredEntry = { name: chosen, path: absolute, company: peek.company, lastOpened: null };
    this.write({ ...stored, ledgers: [...stored.ledgers, entry] });
    return this.entry(entry);
  }

  /** Takes a ledger off the list; the file itself is left alone. */
  forget(name: string): LedgerEntry {
    const stored = this.read();
    const found = this.named(stored, name);
    this.write({ ...stored, ledgers: stored.ledgers.filter((e) => e !== found) });
    return this.entry(found);
  }

  rename(name: string, newName: string): LedgerEntry {
    const stored = this.read();
    const found = this.named(stored, name);
    const wanted = newName.trim();
    this.refuseClash({ ...stored, ledgers: stored.ledgers.filter((e) => e !== found) }, wanted);
    const renamed = { ...found, name: wanted };
    this.write({ ...stored, ledgers: stored.ledgers.map((e) => (e === found ? renamed : e)) });
    return this.entry(renamed);
  }

  /** Notes that the ledger at this path was opened now (and the company it names now), adding it if new. */
  touch(file: string, company?: string): LedgerEntry {
    const absolute = path.resolve(file);
    let stored = this.read();
    if (!stored.ledgers.some((e) => e.path === absolute)) {
      this.add(absolute);
      stored = this.read();
    }
    let touched: StoredEntry | null = null;
    const ledgers = stored.ledgers.map((e) => (e.path === absolute ? (touched = { ...e, company: company ?? e.company, lastOpened: localDateTime(this.now()) }) : e));
    this.write({ ...stored, ledgers });
    return this.entry(touched!);
  }

  /**
   * The ledger file meant by what the clerk typed: a name in the list, else a path. A name wins
   * over a same-named file in the current folder only when no such file exists there.
   */
  resolve(nameOrPath: string): string {
    const asPath = path.resolve(nameOrPath);
    if (fs.existsSync(asPath)) return asPath;
    return this.find(nameOrPath)?.path ?? asPath;
  }

  private named(stored: StoredList, name: string): StoredEntry {
    const found = stored.ledgers.find((e) => sameName(e.name, name));
    if (!found) throw new ServiceError('not_found', `No ledger in the list is called “${name.trim()}”.`, { name: 'Not in the list' });
    return found;
  }

  private refuseClash(stored: StoredList, name: string): void {
    const clash = stored.ledgers.find((e) => sameName(e.name, name));
    if (clash) throw new ServiceError('conflict', `Another ledger in the list is already called “${clash.name}” (${clash.path}): choose another name.`, { name: 'Name taken' });
  }

  private entry(e: StoredEntry): LedgerEntry {
    return { ...e, present: fs.existsSync(e.path) };
  }

  /** A missing list is an empty one; a damaged one is set aside (not lost) and the clerk told, never a crash. */
  private read(): StoredList {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return { version: 1, ledgers: [] };
    }
    try {
      const parsed = JSON.parse(text) as Partial<StoredList>;
      if (!Array.isArray(parsed.ledgers)) throw new Error('no list of ledgers in it');
      return { version: 1, ledgers: parsed.ledgers.filter(isStoredEntry) };
    } catch (err) {
      const aside = `${this.file}.bad-${this.now().toISOString().replace(/[:.]/g, '-')}`;
      try {
        fs.renameSync(this.file, aside);
        this.warn(`settle: the list of ledgers in ${this.file} could not be read (${(err as Error).message}); it was set aside as ${aside} and a new list started. The ledger files themselves are untouched.`);
      } catch {
        this.warn(`settle: the list of ledgers in ${this.file} could not be read (${(err as Error).message}); starting from an empty list.`);
      }
      return { version: 1, ledgers: [] };
    }
  }

  private write(list: StoredList): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(list, null, 2)}\n`);
    fs.renameSync(temp, this.file);
  }
}

function isStoredEntry(e: unknown): e is StoredEntry {
  const x = e as StoredEntry;
  return typeof x === 'object' && x !== null && typeof x.name === 'string' && typeof x.path === 'string' && typeof x.company === 'string' && (x.lastOpened === null || typeof x.lastOpened === 'string');
}
