import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import os from 'node:os';
import { app, BrowserWindow, dialog, ipcMain, session, utilityProcess } from 'electron';
import { findAppRoot } from '../app/version';
import { ledgerIsNamed, missingLedgerProblem, resolveLedgerPath } from '../ledger/ledger-path';
import { Backend, type BackendChannel } from '../backend/backend-client';
import type { FromBackend } from '../backend/protocol';
import { IPC_CHANNEL, PDF_CHANNEL } from './ipc-channel';
import { isTrustedSenderUrl } from './trusted-sender';

// The thin Electron shell: windows, menus, dialogs, printing and IPC security. The ledger lives in
// a utility process (src-main/backend), so no query or letters batch can freeze the window.

const appRoot = findAppRoot();
const indexHtml = path.join(appRoot, 'build', 'renderer', 'index.html');
const preload = path.join(__dirname, 'preload.js');

const { values: flags } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: { ledger: { type: 'string' }, create: { type: 'boolean' } },
  strict: false,
  allowPositionals: true,
});

let backend: Backend | undefined;

/** The backend in Electron's utility process (a Node process of its own, with Electron's ABI). */
function utilityChannel(): BackendChannel {
  const child = utilityProcess.fork(path.join(__dirname, '..', 'backend', 'backend-utility.js'), [], { serviceName: 'Settle ledger', stdio: 'inherit' });
  return {
    post: (msg) => child.postMessage(msg),
    onMessage: (listener) => child.on('message', (msg: FromBackend) => listener(msg)),
    onExit: (listener) => child.on('exit', (code) => listener(`exit code ${code}`)),
    kill: () => void child.kill(),
  };
}

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

function registerIpc(backend: Backend): void {
  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url, indexHtml)) {
      return { ok: false, error: { code: 'unauthorized', message: 'Service calls are only accepted from the Settle window.' } };
    }
    return backend.call(method, input);
  });
}

/**
 * Printing and saving PDFs (letters, batches, agreements). Print opens the PDF in its own
 * window with Chromium's PDF viewer and the system print dialog over it (Electron ≥ 30 prints
 * PDF windows correctly); save asks where with the system save dialog. The file name comes
 * from the service; only its base name is used.
 */
function registerPdf(): void {
  ipcMain.handle(PDF_CHANNEL, async (event, action: unknown, file: unknown) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url, indexHtml)) return { ok: false, message: 'Only the Settle window may print.' };
    const f = file as { fileName?: unknown; base64?: unknown } | null;
    if (typeof f?.fileName !== 'string' || typeof f.base64 !== 'string') return { ok: false, message: 'No PDF was given.' };
    const bytes = Buffer.from(f.base64, 'base64');
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return { ok: false, message: 'That is not a PDF.' };
    const name = path.basename(f.fileName).replace(/[^\w.\- ]/g, '_') || 'settle.pdf';
    if (action === 'save') {
      const owner = BrowserWindow.fromWebContents(event.sender) ?? undefined;
      const choice = await (owner ? dialog.showSaveDialog(owner, { defaultPath: name, filters: [{ name: 'PDF', extensions: ['pdf'] }] }) : dialog.showSaveDialog({ defaultPath: name }));
      if (choice.canceled || !choice.filePath) return { ok: false, message: 'Not saved.' };
      fs.writeFileSync(choice.filePath, bytes);
      return { ok: true };
    }
    if (action !== 'print') return { ok: false, message: 'Unknown action.' };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-print-'));
    const pdfPath = path.join(dir, name);
    fs.writeFileSync(pdfPath, bytes);
    const viewer = new BrowserWindow({ width: 900, height: 1000, title: name, webPreferences: { plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    viewer.on('closed', () => fs.rmSync(dir, { recursive: true, force: true }));
    await viewer.loadFile(pdfPath);
    viewer.webContents.print({}, () => undefined);
    return { ok: true };
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
app.on('will-quit', () => void backend?.close());

app
  .whenReady()
  .then(async () => {
    lockDown();
    const ledgerPath = resolveLedgerPath(flags.ledger as string | undefined, process.env, app.getPath('userData'));
    const missing = missingLedgerProblem(ledgerPath, { named: ledgerIsNamed(flags.ledger as string | undefined), create: flags.create === true }, fs.existsSync);
    if (missing) {
      dialog.showErrorBox('Settle cannot open this ledger', missing);
      app.exit(2);
      return;
    }
    try {
      backend = await Backend.start({ ledgerPath, nativeBinding: electronNativeBinding(), holder: `the Settle app (${path.basename(ledgerPath)})` }, utilityChannel);
    } catch (err) {
      // Ledger in use by another window, written by a newer Settle, unreadable: say so and stop.
      dialog.showErrorBox('Settle cannot open this ledger', (err as Error).message);
      app.exit(1);
      return;
    }
    registerIpc(backend);
    registerPdf();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  })
  .catch((err) => {
    console.error(`Settle could not start: ${(err as Error).message}`);
    app.exit(1);
  });
