import { BackendHost } from './backend-host';
import type { FromBackend, ToBackend } from './protocol';

// The backend in an Electron utility process: Electron gives it `process.parentPort` (a Node
// process without the electron module), which is all it needs.
interface ParentPort {
  postMessage(msg: FromBackend): void;
  on(event: 'message', listener: (e: { data: ToBackend }) => void): void;
}
const port = (process as unknown as { parentPort: ParentPort }).parentPort;
BackendHost.serve({ post: (msg) => port.postMessage(msg), onMessage: (listener) => port.on('message', (e) => listener(e.data)) }, () => process.exit(0));
