import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface SettleServer {
  launchUrl: string;
  origin: string;
  token: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts Settle the way a user does (`settle web` or `npm start`'s script) on a ledger file,
 * and resolves once it has printed its address.
 */
export function startSettle(
  ledger: string,
  opts: { script?: 'cli' | 'start'; env?: NodeJS.ProcessEnv; port?: number } = {},
): Promise<SettleServer> {
  // --create: most specs start on a fresh file (a named ledger must otherwise exist).
  const common = ['--ledger', ledger, '--create', '--no-open', ...(opts.port ? ['--port', String(opts.port)] : [])];
  const args =
    opts.script === 'start'
      ? [path.join(ROOT, 'scripts', 'start.mjs'), ...common]
      : [path.join(ROOT, 'build', 'main', 'cli', 'settle.js'), 'web', ...common];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Settle did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)\?token=([\w-]+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        launchUrl: `${m[1]}?token=${m[2]}`,
        origin: m[1].replace(/\/$/, ''),
        token: m[2],
        output: () => out,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Settle exited with ${code} before it was ready:\n${out}`));
    });
  });
}

/** Runs the built `settle` command to completion; throws with its output if it fails. */
export function runCli(args: string[]): string {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'build', 'main', 'cli', 'settle.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`settle ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}
