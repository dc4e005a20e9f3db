import fs from 'node:fs';
import path from 'node:path';

/** The project root: the nearest folder above this file holding Settle's package.json. */
export function findAppRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')).name === 'settle') return dir;
    if (path.dirname(dir) === dir) throw new Error(`Cannot find Settle's package.json above ${start}`);
  }
}

export const APP_VERSION: string = JSON.parse(fs.readFileSync(path.join(findAppRoot(), 'package.json'), 'utf8')).version;
