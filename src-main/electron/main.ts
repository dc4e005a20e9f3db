import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import type { Handlers } from '../contract';
import { findAppRoot } from '../app/version';
import { Ledger } from '../ledger/ledger';
import { resolveLedgerPath } from '../ledger/ledger-path';
import { createHandlers } from '../services/create-services';
import { dispatch } from '../services/dispatch';
import { warmUp } from '../services/warm-up';
import { IPC_CHANNEL } from './ipc-channel';
import { isTrustedSenderUrl } from './trusted-sender';

// The thin Electron shell: window, IPC and security settings. Everything else is in the
// plain-Node services, which the browser bridge and the CLI use too.

const appRoot = findAppRoot();
const indexHtml = path.join(appRoot, 'build', 'renderer', 'index.html');
const preload = path.join(__dirname, 'preload.js');

const { values: flags } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: { ledger: { type: 'string' } },
  strict: false,
  allowPositionals: true,
});

let ledger: Ledger | undefined;

/** In development the Node build of better-sqlite3 has the wrong ABI; start.mjs builds one for Electron. */
function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = path.join(appRoot, '.electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}

function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

function registerIpc(handlers: Handlers): void {
  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url, indexHtml)) {
      return { ok: false, error: { code: 'unauthorized', message: 'Service calls are only accepted from the Settle window.' } };
    }
    return dispatch(handlers, method, input);
  });
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Settle',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(indexHtml);
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => void ledger?.close());

app
  .whenReady()
  .then(async () => {
    lockDown();
    const ledgerPath = resolveLedgerPath(flags.ledger as string | undefined, process.env, app.getPath('userData'));
    ledger = await Ledger.open(ledgerPath, { nativeBinding: electronNativeBinding() });
    const handlers = createHandlers(ledger);
    registerIpc(handlers);
    createWindow();
    warmUp(handlers);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  })
  .catch((err) => {
    console.error(`Settle could not start: ${(err as Error).message}`);
    app.exit(1);
  });
