import path from 'node:path';
import { startWebServer } from '../bridge/web-server';
import { findAppRoot } from '../app/version';
import { Ledger } from '../ledger/ledger';
import { createHandlers } from '../services/create-services';
import { warmUp } from '../services/warm-up';
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
  const ledger = await Ledger.open(opts.ledgerPath);
  // Test-only: lets end-to-end tests pin the main process's clock (clock.set); never set for users.
  const handlers = createHandlers(ledger, { clockControl: process.env.SETTLE_CLOCK_CONTROL === '1' });
  const server = await startWebServer({
    handlers,
    rendererDir: path.join(findAppRoot(), 'build', 'renderer'),
    port,
  });
  console.log(`Settle is running in browser mode at ${server.launchUrl}`);
  console.log(`Ledger: ${ledger.path}`);
  console.log('Press Ctrl+C to stop.');
  if (opts.open) openInBrowser(server.launchUrl);
  warmUp(handlers);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await ledger.close();
}
