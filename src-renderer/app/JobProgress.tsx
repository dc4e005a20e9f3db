import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import type { JobMethod, JobProgress, Input, Output } from '../../src-main/contract';
import { runJob } from '../api/jobs';
import { formatCount } from '../lib/numbers';

/** A job the page started: its progress for the bar, and how to cancel it. */
export function useJob() {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [running, setRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);
  async function run<M extends JobMethod>(method: M, input: Input<M>): Promise<Output<M>> {
    abort.current = new AbortController();
    setRunning(true);
    setProgress(null);
    try {
      return await runJob(method, input, { onProgress: setProgress, signal: abort.current.signal });
    } finally {
      setRunning(false);
      abort.current = null;
    }
  }
  return { run, running, progress, cancel: () => abort.current?.abort() };
}

/** The bar under long work, with what it is doing and a Cancel that rolls it back. */
export function JobProgressBar({ job, label }: { job: ReturnType<typeof useJob>; label: string }) {
  if (!job.running) return null;
  const p = job.progress;
  const value = p && p.total > 0 ? Math.min(100, (p.done / p.total) * 100) : undefined;
  const words = p ? `${p.phase}${p.total > 4 ? `: ${formatCount(p.done)} of ${formatCount(p.total)}` : ''}` : 'Starting…';
  return (
    <Box role="status" aria-label={`${label} in progress`} sx={{ display: 'flex', alignItems: 'center', gap: 2, my: 1 }}>
      <Box sx={{ flexGrow: 1 }}>
        <Typography variant="body2" color="text.secondary">
          {label} — {words}
        </Typography>
        <LinearProgress variant={value === undefined ? 'indeterminate' : 'determinate'} value={value} aria-label={label} />
      </Box>
      <Button size="small" onClick={job.cancel}>
        Cancel
      </Button>
    </Box>
  );
}
