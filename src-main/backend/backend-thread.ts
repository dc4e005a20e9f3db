import { parentPort } from 'node:worker_threads';
import { BackendHost } from './backend-host';
import type { ToBackend } from './protocol';

// The backend in a worker thread: how browser mode runs it.
const port = parentPort!;
BackendHost.serve({ post: (msg) => port.postMessage(msg), onMessage: (listener) => port.on('message', (m: ToBackend) => listener(m)) }, () => port.close());
