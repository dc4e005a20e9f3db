import { useState } from 'react';
import type { ImportInspection, ImportKind, ImportRunResult } from '../../../src-main/contract';
import { call, ServiceCallError } from '../../api/client';
import { useJob } from '../../app/JobProgress';

export type Mapping = Partial<Record<string, string>>;

interface ChosenFile {
  name: string;
  text: string;
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
    async choose(f: File) {
      const chosen = { name: f.name, text: await f.text() };
      setFile(chosen);
      setInspection(null);
      await inspect(chosen);
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
      setFile(null);
      setInspection(null);
      setResult(null);
      setError(null);
      setCancelled(false);
    },
  };
}

export type ImportWizard = ReturnType<typeof useImportWizard>;
