import Database from 'better-sqlite3';

/**
 * The better-sqlite3 binary this process loads. Inside the Electron app the backend, its job
 * workers and the desk run on Electron's Node ABI and must load the copy built for it; the CLI
 * and browser mode use the default. Set once where such a process starts, read by every raw
 * connection (lock files, backups, the desk's peeks) as well as by Ledger.open, so no corner of
 * the app opens SQLite with the wrong binary.
 */
let binding: string | undefined;

export function useNativeBinding(file: string | undefined): void {
  binding = file;
}

export function processNativeBinding(): string | undefined {
  return binding;
}

/** A raw better-sqlite3 connection with this process's binary. */
export function openSqlite(file: string, options: Database.Options = {}): Database.Database {
  return new Database(file, { ...(binding ? { nativeBinding: binding } : {}), ...options });
}
