#!/usr/bin/env node
// `npm run dist`: installers through electron-builder. Packaging rebuilds better-sqlite3 for
// Electron inside node_modules; put the Node build back afterwards, whatever happened.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
const built = spawnSync(bin, process.argv.slice(2), { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
const restored = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (restored.status !== 0) console.error('Could not rebuild better-sqlite3 for Node: run `npm rebuild better-sqlite3`.');
process.exit(built.status ?? 1);
