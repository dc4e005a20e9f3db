import path from 'node:path';
import { startWebServer } from '../bridge/web-server';
import { findAppRoot } from '../app/version';
import { Backend } from '../backend/backend-client';
import { BackendSet } from '../backend/backend-set';
import { DeskClient } from '../backend/desk-client';
import { LedgerRouter } from '../backend/ledger-router';
import { userDataDir } from '../ledger/ledger-path';
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
  // Each ledger lives in a worker thread of its own, the list of ledgers in another: this thread
  // only serves the page and forwards calls. A refusal of the launch ledger (open elsewhere,
  // written by a newer Settle) ends the command with its reason.
  let url = '';
  const holder = (ledgerPath: string) => (url ? `browser mode at ${url}` : `browser mode (starting, process ${process.pid}, ${path.basename(ledgerPath)})`);
  const desk = new DeskClient({ userDataDir: userDataDir(process.env) });
  const backends = new BackendSet({
    holder,
    onOpened: (ledgerPath) => desk.opened(ledgerPath),
    // Test-only: lets end-to-end tests pin the backend's clock (clock.set); never set for users.
    common: { clockControl: process.env.SETTLE_CLOCK_CONTROL === '1' },
    start: (options) => Backend.start(options),
  });
  // The launch ledger stays open for as long as browser mode runs; others close when idle.
  backends.hold(opts.ledgerPath);
  let launch: Backend;
  try {
    launch = (await backends.get(opts.ledgerPath)) as Backend;
  } catch (err) {
    await backends.close();
    await desk.close();
    throw err;
  }
  const info = await launch.info;
  const router = new LedgerRouter(backends, desk, opts.ledgerPath);
  const server = await startWebServer({
    call: (method, input, ledger) => router.call(method, input, ledger),
    rendererDir: path.join(findAppRoot(), 'build', 'renderer'),
    port,
  });
  url = server.url;
  launch.describe(`browser mode at ${server.url}`);
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
  await backends.close();
  await desk.close();
}
