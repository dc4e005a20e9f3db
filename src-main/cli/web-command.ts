import path from 'node:path';
import { startWebServer } from '../bridge/web-server';
import { findAppRoot } from '../app/version';
import { Backend } from '../backend/backend-client';
import { openInBrowser } from './open-browser';
import { CliError } from './cli-error';

export interface WebOptions {
  ledgerPath: string;
  port?: string;
  open: boolean;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 0 || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, not "${text}"`);
  return port;
}

/** Browser mode: the renderer and the service API on 127.0.0.1 until interrupted. */
export async function runWeb(opts: WebOptions): Promise<void> {
  const port = parsePort(opts.port);
  // The ledger lives in a worker thread: this thread only serves the page and forwards calls.
  // A refusal (ledger open elsewhere, written by a newer Settle) ends the command with its reason.
  const backend = await Backend.start({
    ledgerPath: opts.ledgerPath,
    holder: `browser mode (starting, process ${process.pid})`,
    // Test-only: lets end-to-end tests pin the backend's clock (clock.set); never set for users.
    clockControl: process.env.SETTLE_CLOCK_CONTROL === '1',
  });
  const info = await backend.info;
  const server = await startWebServer({
    call: (method, input) => backend.call(method, input),
    rendererDir: path.join(findAppRoot(), 'build', 'renderer'),
    port,
  });
  backend.describe(`browser mode at ${server.url}`);
  console.log(`Settle is running in browser mode at ${server.launchUrl}`);
  console.log(`Ledger: ${info.ledgerPath}`);
  console.log('Press Ctrl+C to stop.');
  if (opts.open) openInBrowser(server.launchUrl);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await backend.close();
}
