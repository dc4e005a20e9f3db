#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/, leaving node_modules (built
// for Node, used by the CLI, tests and browser mode) untouched. Needs Electron's headers from
// the network the first time; does nothing when the build for this Electron version exists.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const electronVersion = require('electron/package.json').version;
const sqliteVersion = require('better-sqlite3/package.json').version;
const target = path.join(root, '.electron-native');
const stamp = path.join(target, 'built-for.json');
const wanted = JSON.stringify({ electronVersion, sqliteVersion });

if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) process.exit(0);

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (first start only)…`);
fs.rmSync(target, { recursive: true, force: true });
const source = path.dirname(require.resolve('better-sqlite3/package.json'));
fs.cpSync(source, path.join(target, 'node_modules', 'better-sqlite3'), {
  recursive: true,
  filter: (p) => !p.includes(`${path.sep}build${path.sep}`) && !p.endsWith(`${path.sep}build`),
});
fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify({ name: 'settle-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));

try {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: target, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  fs.writeFileSync(stamp, wanted);
} catch (err) {
  console.error(`Could not build better-sqlite3 for Electron: ${err.message}`);
  process.exit(1);
}
