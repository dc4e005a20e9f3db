import fs from 'node:fs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';

export interface CsvRecord {
  /** Line where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export interface CsvHeader {
  /** Lower-cased, trimmed column names in file order. */
  columns: string[];
  /** The same names as the file spells them (trimmed), for showing to the clerk. */
  original: string[];
}

export interface CsvHandlers {
  header(h: CsvHeader): void;
  /** Called with batches of records, synchronously, in file order; `'stop'` ends the reading there. */
  records(batch: CsvRecord[]): void | 'stop';
}

/**
 * A file on disk (the CLI), or a file's text (the import wizard, whose renderer holds the text and
 * no path): both go through the same parser.
 */
export type CsvSource = string | { text: string };

/** Text is fed in slices like a file's chunks, so one huge string is not parsed as one batch. */
const CHUNK_CHARS = 1 << 16;

function textChunks(text: string): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < text.length; i += CHUNK_CHARS) yield text.slice(i, i + CHUNK_CHARS);
    })(),
  );
}

export function sourceName(source: CsvSource): string {
  return typeof source === 'string' ? source : 'the file';
}

/** Size in bytes, for estimating how many rows a source can hold. */
export function sourceBytes(source: CsvSource): number {
  return typeof source === 'string' ? fs.statSync(source).size : Buffer.byteLength(source.text, 'utf8');
}

/**
 * Streams a CSV file through papaparse in chunks: memory holds one chunk, not the file.
 * Blank lines are skipped but counted, and quoted fields with line breaks advance the line
 * count, so `line` matches what a person sees in a text editor.
 */
export function readCsv(file: CsvSource, handlers: CsvHandlers): Promise<{ records: number }> {
  return new Promise((resolve, reject) => {
    let line = 0;
    let headerSeen = false;
    let count = 0;
    let settled = false;
    // Small chunks: a row batch dies young in V8's nursery instead of being promoted and piling
    // up until a full collection (1 MB chunks cost ~100 MB of extra peak memory at 1M rows).
    const stream = typeof file === 'string' ? fs.createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_CHARS }) : textChunks(file.text);
    // The reader asked to stop (a preview has its rows): a clean end, not a truncated file.
    const stop = () => {
      settled = true;
      stream.destroy();
      resolve({ records: count });
    };
    // Settles first: parser.abort() calls `complete` synchronously, which must not turn a failed
    // write into a clean end of file (the importer would then commit the rows read so far).
    // The stream is destroyed because papaparse stops parsing after an abort but keeps queueing
    // whatever the stream still delivers.
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      stream.destroy();
      // Not instanceof Error: errors from the native SQLite binding may come from another realm (jest).
      reject(typeof (err as Error)?.message === 'string' ? err : new Error(String(err)));
    };
    stream.on('error', fail);
    Papa.parse<string[]>(stream as unknown as File, {
      header: false,
      skipEmptyLines: false,
      chunk(results, parser) {
        if (settled) return;
        try {
          if (handleChunk(results.data) === 'stop') {
            stop();
            parser.abort();
          }
        } catch (err) {
          fail(err);
          parser.abort();
        }
      },
      complete: (results?: Papa.ParseResult<string[]>) => {
        if (settled) return;
        // Nothing here aborts except `fail`, so an aborted end is never a complete file.
        if (results?.meta?.aborted) return fail(new Error(`Reading ${sourceName(file)} stopped before the end of the file`));
        settled = true;
        resolve({ records: count });
      },
      error: fail,
    });

    function handleChunk(data: string[][]): void | 'stop' {
        const batch: CsvRecord[] = [];
        for (const fields of data) {
          const start = line + 1;
          line = start;
          for (const f of fields) {
            if (f.includes('\n')) line += f.split('\n').length - 1;
          }
          if (fields.length === 1 && fields[0].trim() === '') continue;
          if (!headerSeen) {
            headerSeen = true;
            fields[0] = fields[0].replace(/^\uFEFF/, '');
            handlers.header({ columns: fields.map((c) => c.trim().toLowerCase()), original: fields.map((c) => c.trim()) });
            continue;
          }
          count++;
          batch.push({ line: start, fields });
        }
        if (batch.length) return handlers.records(batch);
    }
  });
}
