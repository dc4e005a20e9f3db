import fs from 'node:fs';
import Papa from 'papaparse';

export interface CsvRecord {
  /** Line where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export interface CsvHeader {
  /** Lower-cased, trimmed column names in file order. */
  columns: string[];
}

export interface CsvHandlers {
  header(h: CsvHeader): void;
  /** Called with batches of records, synchronously, in file order. */
  records(batch: CsvRecord[]): void;
}

/**
 * Streams a CSV file through papaparse in chunks: memory holds one chunk, not the file.
 * Blank lines are skipped but counted, and quoted fields with line breaks advance the line
 * count, so `line` matches what a person sees in a text editor.
 */
export function readCsv(file: string, handlers: CsvHandlers): Promise<{ records: number }> {
  return new Promise((resolve, reject) => {
    let line = 0;
    let headerSeen = false;
    let count = 0;
    let settled = false;
    // Small chunks: a row batch dies young in V8's nursery instead of being promoted and piling
    // up until a full collection (1 MB chunks cost ~100 MB of extra peak memory at 1M rows).
    const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
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
          handleChunk(results.data);
        } catch (err) {
          fail(err);
          parser.abort();
        }
      },
      complete: (results?: Papa.ParseResult<string[]>) => {
        if (settled) return;
        // Nothing here aborts except `fail`, so an aborted end is never a complete file.
        if (results?.meta?.aborted) return fail(new Error(`Reading ${file} stopped before the end of the file`));
        settled = true;
        resolve({ records: count });
      },
      error: fail,
    });

    function handleChunk(data: string[][]) {
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
            handlers.header({ columns: fields.map((c) => c.trim().toLowerCase()) });
            continue;
          }
          count++;
          batch.push({ line: start, fields });
        }
        if (batch.length) handlers.records(batch);
    }
  });
}
