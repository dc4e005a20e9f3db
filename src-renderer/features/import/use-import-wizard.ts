import { useState } from 'react';
import type { ImportInspection, ImportKind, ImportRunResult, PresetName } from '../../../src-main/contract';
import { call, ServiceCallError } from '../../api/client';
import { useJob } from '../../app/JobProgress';

export type Mapping = Partial<Record<string, string>>;

interface ChosenFile {
  name: string;
  text: string;
  /** Its modification date (local, YYYY-MM-DD): an export's date unless the file says otherwise. */
  fileDate: string;
}

/** Settle's own CSV layout (mapped column by column), or an accounting system's export read by its preset. */
export type Source = 'settle' | PresetName;

function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The wizard's state: the file's text, what the backend made of it (kind, mapping, the first rows
 * checked), and the import job. Every check is the backend's; this only keeps the answers.
 */
export function useImportWizard() {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [inspection, setInspection] = useState<ImportInspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<ImportRunResult | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [source, setSourceState] = useState<Source>('settle');
  const job = useJob();

  async function inspect(chosen: ChosenFile, choice: { kind?: ImportKind; mapping?: Mapping } = {}) {
    setChecking(true);
    setError(null);
    setResult(null);
    setCancelled(false);
    try {
      setInspection(await call('imports.inspect', { text: chosen.text, fileName: chosen.name, ...choice }));
    } catch (err) {
      const e = err as ServiceCallError;
      setError([e.message, ...Object.values(e.fields ?? {})].join(' — '));
    } finally {
      setChecking(false);
    }
  }

  return {
    file,
    inspection,
    error,
    checking,
    result,
    cancelled,
    job,
    source,
    async choose(f: File) {
      const chosen = { name: f.name, text: await f.text(), fileDate: localDate(f.lastModified || Date.now()) };
      setFile(chosen);
      setInspection(null);
      setResult(null);
      setError(null);
      // A file that looks like an export of Xero or QuickBooks starts with that source chosen.
      let detected: Source = 'settle';
      try {
        detected = (await call('imports.detectSource', { text: chosen.text, fileName: chosen.name })).preset ?? 'settle';
      } catch {
        // Read as Settle's own CSV, whose inspection says what is wrong with the file.
      }
      setSourceState(detected);
      if (detected === 'settle') await inspect(chosen);
    },
    async setSource(next: Source) {
      setSourceState(next);
      if (next === 'settle' && file && !inspection) await inspect(file);
    },
    /** Another kind starts from that kind's remembered or suggested mapping. */
    setKind: (kind: ImportKind) => file && inspect(file, { kind }),
    setMapping: (mapping: Mapping) => file && inspection && inspect(file, { kind: inspection.kind, mapping }),
    async run() {
      if (!file || !inspection) return;
      setError(null);
      setResult(null);
      setCancelled(false);
      try {
        setResult(await job.run('imports.run', { text: file.text, fileName: file.name, kind: inspection.kind, mapping: inspection.mapping }));
      } catch (err) {
        if (err instanceof ServiceCallError && err.code === 'cancelled') setCancelled(true);
        else setError((err as Error).message);
      }
    },
    reset() {
      setSourceState('settle');
      setFile(null);
      setInspection(null);
      setResult(null);
      setError(null);
      setCancelled(false);
    },
  };
}

export type ImportWizard = ReturnType<typeof useImportWizard>;
