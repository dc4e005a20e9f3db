#!/usr/bin/env node
// `npm start` (after the build): the Electron window where Electron is installed, otherwise
// browser mode with one line saying why. Arguments (--ledger, --port, --no-open) pass through.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const args = process.argv.slice(2);

/** The electron package exports the binary's path, or throws when its download never ran. */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** First start on a connected machine: run the electron package's own download step. */
function tryInstallElectron() {
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer)) return 'the electron package is not installed';
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set';
  const result = spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), stdio: 'pipe', timeout: 180_000, encoding: 'utf8' });
  if (electronBinary()) return null;
  if (result.error) return result.error.message;
  const reason = `${result.stderr}\n${result.stdout}`.split('\n').map((l) => l.trim()).find((l) => /error|ENOTFOUND|EAI_AGAIN|ECONN|skip/i.test(l));
  return reason ? reason.replace(/^\w*Error:\s*/, '').slice(0, 140) : 'its download did not complete';
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function browserMode(reason) {
  console.log(`Electron is not available on this machine (${reason}), so Settle starts in browser mode instead.`);
  run(process.execPath, [path.join(root, 'build', 'main', 'cli', 'settle.js'), 'web', ...args]);
}

let binary = electronBinary();
if (!binary) {
  const reason = tryInstallElectron();
  binary = electronBinary();
  if (!binary) {
    browserMode(reason ?? 'its binary is missing');
  }
}
if (binary) {
  // better-sqlite3 in node_modules is built for Node; the window needs a copy built for Electron.
  const rebuild = spawnSync(process.execPath, [path.join(root, 'scripts', 'rebuild-native-for-electron.mjs')], { cwd: root, stdio: 'inherit' });
  if (rebuild.status !== 0) browserMode('better-sqlite3 could not be built for Electron');
  else run(binary, [root, ...args.filter((a) => a !== '--no-open')]);
}
