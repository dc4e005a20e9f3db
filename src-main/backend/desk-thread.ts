import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { useNativeBinding } from '../ledger/sqlite-binding';
import { DeskService, deskHandlers } from '../ledgers/desk-service';
import { serveDesk, type DeskOptions, type ToDesk } from './desk-host';

// The desk host in a worker thread of its own (browser mode and Electron's main process alike).
const port = parentPort!;
const options = workerData as DeskOptions;
// Inside Electron the desk opens ledgers with the better-sqlite3 built for Electron's ABI.
useNativeBinding(options.nativeBinding);
const desk = new DeskService(path.join(options.userDataDir, 'ledgers.json'));

serveDesk(
  { post: (msg) => port.postMessage(msg), onMessage: (listener) => port.on('message', (m: ToDesk) => listener(m)) },
  deskHandlers(desk),
  // Opening a ledger puts it at the top of the recent list (adding it when it was opened by path).
  (ledgerPath) => void desk.list.touch(ledgerPath),
);
