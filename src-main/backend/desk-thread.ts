import { parentPort, workerData } from 'node:worker_threads';
import { serveDesk, type DeskHandlers, type DeskOptions, type ToDesk } from './desk-host';

// The desk host in a worker thread of its own (browser mode and Electron's main process alike).
const port = parentPort!;
const options = workerData as DeskOptions;

// MERGE (issue 14): the one place the desk services are wired in, once src-main/ledgers/ exists:
//   import { DeskService, deskHandlers } from '../ledgers/desk-service';
//   const desk = new DeskService(path.join(options.userDataDir, 'ledgers.json'));
//   const handlers = deskHandlers(desk);
//   const onOpened = (ledgerPath: string) => void desk.list.touch(ledgerPath);
// Until then every desk call answers "cannot yet answer" (unknown_method).
void options;
const handlers: DeskHandlers = {};
const onOpened = undefined;

serveDesk({ post: (msg) => port.postMessage(msg), onMessage: (listener) => port.on('message', (m: ToDesk) => listener(m)) }, handlers, onOpened);
