import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import os from 'node:os';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell, utilityProcess } from 'electron';
import { findAppRoot } from '../app/version';
import { ledgerIsNamed, missingLedgerProblem, resolveLedgerPath } from '../ledger/ledger-path';
import { Backend, type BackendChannel } from '../backend/backend-client';
import { BackendSet } from '../backend/backend-set';
import { DeskClient } from '../backend/desk-client';
import { LedgerRouter } from '../backend/ledger-router';
import type { FromBackend } from '../backend/protocol';
import { IPC_CHANNEL, MENU_CHANNEL, OPEN_LEDGER_CHANNEL, PDF_CHANNEL, REVEAL_CHANNEL } from './ipc-channel';
import { isTrustedSenderUrl } from './trusted-sender';
import { osPasswords } from './os-credentials';

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

let backends: BackendSet | undefined;
let desk: DeskClient | undefined;
let router: LedgerRouter | undefined;
/** One window per ledger: which ledger each window's page is on, by its webContents id. */
const ledgerOfSender = new Map<number, string>();
const windowOfLedger = new Map<string, BrowserWindow>();

/** The backend in Electron's utility process (a Node process of its own, with Electron's ABI). */
function utilityChannel(): BackendChannel {
  const child = utilityProcess.fork(path.join(__dirname, '..', 'backend', 'backend-utility.js'), [], { serviceName: 'Settle ledger', stdio: 'inherit' });
  // The mail password lives in the OS credential store, which only this process can reach: handed
  // to the backend when it opens the ledger, and stored again when the clerk saves a new one.
  let ledgerPath: string | null = null;
  const passwords = osPasswords(safeStorage, app.getPath('userData'));
  return {
    post: (msg) => {
      if (msg.type === 'start') {
        ledgerPath = msg.options.ledgerPath;
        child.postMessage({ ...msg, options: { ...msg.options, osCredential: { password: passwords.read(ledgerPath) } } });
      } else child.postMessage(msg);
    },
    onMessage: (listener) =>
      child.on('message', (msg: FromBackend) => {
        if (msg.type === 'credential') {
          if (ledgerPath) passwords.store(ledgerPath, msg.password);
          return;
        }
        listener(msg);
      }),
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

const untrusted = { ok: false, error: { code: 'unauthorized', message: 'Service calls are only accepted from the Settle window.' } };

function registerIpc(router: LedgerRouter): void {
  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url, indexHtml)) return untrusted;
    // The window's ledger, from main's own record: a page cannot name another one.
    return router.call(method, input, ledgerOfSender.get(event.sender.id) ?? router.launchLedger);
  });
  ipcMain.handle(OPEN_LEDGER_CHANNEL, async (event, ledgerPath: unknown) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url, indexHtml)) return { ok: false, message: 'Only the Settle window may open ledgers.' };
    if (typeof ledgerPath !== 'string') return { ok: false, message: 'No ledger was named.' };
    return openLedgerWindow(ledgerPath);
  });
  ipcMain.handle(REVEAL_CHANNEL, async (event, ledgerPath: unknown) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url, indexHtml)) return { ok: false, message: 'Only the Settle window may show files.' };
    if (typeof ledgerPath !== 'string') return { ok: false, message: 'No ledger was named.' };
    const refused = await router.refusal(ledgerPath);
    if (refused && !refused.ok) return { ok: false, message: refused.error.message };
    shell.showItemInFolder(ledgerPath);
    return { ok: true };
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

/**
 * The window on a ledger: brought forward if there is one, otherwise opened once its backend has
 * opened the file (so a ledger in use elsewhere is refused with the reason before any window).
 */
async function openLedgerWindow(ledgerPath: string): Promise<{ ok: boolean; message?: string }> {
  if (!router || !backends) return { ok: false, message: 'Settle is still starting.' };
  const file = path.resolve(ledgerPath);
  const existing = windowOfLedger.get(file);
  if (existing && !existing.isDestroyed()) {
    existing.focus();
    return { ok: true };
  }
  const refused = await router.refusal(file);
  if (refused && !refused.ok) return { ok: false, message: refused.error.message };
  const release = backends.hold(file);
  try {
    await backends.get(file);
  } catch (err) {
    release();
    return { ok: false, message: (err as Error).message };
  }
  createWindow(file, release);
  return { ok: true };
}

function createWindow(ledgerPath: string, release: () => void): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    // The page names the company as soon as it knows it (document.title).
    title: `Settle — ${path.basename(ledgerPath)}`,
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
  const senderId = win.webContents.id;
  ledgerOfSender.set(senderId, ledgerPath);
  windowOfLedger.set(ledgerPath, win);
  win.on('closed', () => {
    ledgerOfSender.delete(senderId);
    if (windowOfLedger.get(ledgerPath) === win) windowOfLedger.delete(ledgerPath);
    // Unheld, the ledger's backend closes once idle and its lock goes with it.
    release();
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(indexHtml, { query: { ledger: ledgerPath } });
}

/** The File menu; items about the page (the Ledgers page, its New dialog) are sent to the focused window. */
function setMenu(): void {
  const toPage = (item: 'ledgers' | 'new-ledger') => () => {
    const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    win?.webContents.send(MENU_CHANNEL, item);
  };
  const openLedger = async () => {
    const owner = BrowserWindow.getFocusedWindow() ?? undefined;
    const options = { properties: ['openFile' as const], filters: [{ name: 'Settle ledger', extensions: ['sqlite', 'db'] }, { name: 'All files', extensions: ['*'] }] };
    const choice = await (owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options));
    const file = choice.filePaths[0];
    if (choice.canceled || !file || !desk) return;
    // Added to the list first: only ledgers in the list (or the launch one) are opened. A file
    // already in the list is refused by the desk as a duplicate, which changes nothing here.
    await desk.call('ledgers.add', { path: file });
    const opened = await openLedgerWindow(file);
    if (!opened.ok) dialog.showErrorBox('Settle cannot open this ledger', opened.message ?? '');
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
      {
        label: 'File',
        submenu: [
          { label: 'New client ledger…', accelerator: 'CmdOrCtrl+N', click: toPage('new-ledger') },
          { label: 'Open ledger…', accelerator: 'CmdOrCtrl+O', click: () => void openLedger() },
          { label: 'Ledgers', accelerator: 'CmdOrCtrl+L', click: toPage('ledgers') },
          { type: 'separator' },
          { role: process.platform === 'darwin' ? 'close' : 'quit' },
        ],
      },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  );
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  void backends?.close();
  void desk?.close();
});

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
    const nativeBinding = electronNativeBinding();
    const deskClient = new DeskClient({ userDataDir: app.getPath('userData'), nativeBinding });
    desk = deskClient;
    backends = new BackendSet({
      holder: (file) => `the Settle app (${path.basename(file)})`,
      onOpened: (file) => deskClient.opened(file),
      common: { nativeBinding },
      start: (options) => Backend.start(options, utilityChannel),
    });
    const releaseLaunch = backends.hold(ledgerPath);
    try {
      await backends.get(ledgerPath);
    } catch (err) {
      // Ledger in use by another window, written by a newer Settle, unreadable: say so and stop.
      dialog.showErrorBox('Settle cannot open this ledger', (err as Error).message);
      app.exit(1);
      return;
    }
    router = new LedgerRouter(backends, deskClient, ledgerPath);
    registerIpc(router);
    registerPdf();
    setMenu();
    createWindow(ledgerPath, releaseLaunch);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void openLedgerWindow(ledgerPath);
    });
  })
  .catch((err) => {
    console.error(`Settle could not start: ${(err as Error).message}`);
    app.exit(1);
  });
