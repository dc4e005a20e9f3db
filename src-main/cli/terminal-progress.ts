import type { JobContext } from '../contract/jobs';
import { jobContext, noJob } from '../jobs/job-context';

/**
 * Progress of a long command on stderr, one line rewritten in place, only when stderr is a
 * terminal: scripts and pipes get clean output. Ctrl+C needs no cancel flag: the process ends and
 * SQLite rolls back the unfinished transaction.
 */
export function terminalProgress(label: string, stream: NodeJS.WriteStream = process.stderr): JobContext & { end(): void } {
  if (!stream.isTTY) return { ...noJob, end: () => undefined };
  let shown = false;
  const job = jobContext(
    ({ done, total, phase }) => {
      const pct = total > 0 ? ` ${Math.floor((done / total) * 100)}%` : '';
      const counted = total > 4 ? ` ${done.toLocaleString()} of ${total.toLocaleString()}` : total === 0 ? ` ${done.toLocaleString()}` : '';
      stream.write(`\r${label}: ${phase}${counted}${pct}\x1b[K`);
      shown = true;
    },
    () => false,
    200,
  );
  return {
    ...job,
    end: () => {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
