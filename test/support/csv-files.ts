import fs from 'node:fs';
import path from 'node:path';

/** Writes CSV text (lines joined with \n) to a file in dir and returns its path. */
export function csvFile(dir: string, name: string, lines: string[], opts: { bom?: boolean; crlf?: boolean } = {}): string {
  const file = path.join(dir, name);
  const body = lines.join(opts.crlf ? '\r\n' : '\n') + (opts.crlf ? '\r\n' : '\n');
  fs.writeFileSync(file, (opts.bom ? '\uFEFF' : '') + body, 'utf8');
  return file;
}
