import { useEffect, useMemo, useState } from 'react';
import type { Policy, PolicyStep, PolicyStepInput } from '../../../src-main/contract';
import { call, ServiceCallError } from '../../api/client';

/** A step being edited: `key` is stable across moves, `id` is there once the ledger has the step. */
export interface DraftStep extends Omit<PolicyStep, 'id' | 'seq'> {
  key: string;
  id?: number;
}

export type StepValues = Omit<DraftStep, 'key' | 'id'>;

export interface PolicyDraft {
  name: string;
  steps: DraftStep[];
}

/**
 * The service names fields by position (`steps.3.days`); they are kept by step key so a
 * highlighted step stays highlighted when the person moves it to fix the order.
 */
export interface DraftErrors {
  message: string | null;
  name?: string;
  steps: Record<string, Record<string, string>>;
}

const NO_ERRORS: DraftErrors = { message: null, steps: {} };
let added = 0;

function fromPolicy(p: Policy): PolicyDraft {
  return { name: p.name, steps: p.steps.map(({ seq: _seq, ...s }) => ({ ...s, key: `id-${s.id}` })) };
}

function toInput(d: PolicyDraft): { name: string; steps: PolicyStepInput[] } {
  return { name: d.name, steps: d.steps.map(({ key: _key, id, ...s }) => (id === undefined ? s : { id, ...s })) };
}

function errorsFrom(err: unknown, steps: DraftStep[]): DraftErrors {
  const out: DraftErrors = { message: (err as Error).message, steps: {} };
  if (!(err instanceof ServiceCallError)) return out;
  for (const [path, msg] of Object.entries(err.fields)) {
    const [head, index, field] = path.split('.');
    const step = head === 'steps' && index !== undefined ? steps[Number(index)] : undefined;
    if (head === 'name') out.name = msg;
    else if (step) out.steps[step.key] = { ...out.steps[step.key], [field ?? '_']: msg };
    else out.message = `${out.message ?? ''} ${msg}`.trim();
  }
  return out;
}

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/** The policy as saved and as being edited; nothing reaches the ledger until `save`. */
export function usePolicyDraft() {
  const [saved, setSaved] = useState<PolicyDraft | null>(null);
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const [errors, setErrors] = useState<DraftErrors>(NO_ERRORS);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function accept(p: Policy, note: string | null) {
    const d = fromPolicy(p);
    setSaved(d);
    setDraft(d);
    setErrors(NO_ERRORS);
    setStatus(note);
  }

  useEffect(() => {
    let live = true;
    call('policy.get', {}).then(
      (p) => {
        if (!live) return;
        const d = fromPolicy(p);
        setSaved(d);
        setDraft(d);
      },
      (err: Error) => live && setErrors({ message: err.message, steps: {} }),
    );
    return () => {
      live = false;
    };
  }, []);

  const dirty = useMemo(() => !!saved && !!draft && JSON.stringify(toInput(saved)) !== JSON.stringify(toInput(draft)), [saved, draft]);

  function edit(change: (d: PolicyDraft) => PolicyDraft) {
    setStatus(null);
    setDraft((d) => (d ? change(d) : d));
  }

  async function run(work: () => Promise<Policy>, note: string) {
    setBusy(true);
    try {
      accept(await work(), note);
    } catch (err) {
      setErrors(errorsFrom(err, draft?.steps ?? []));
      setStatus(null);
    } finally {
      setBusy(false);
    }
  }

  return {
    draft,
    dirty,
    errors,
    status,
    busy,
    setName: (name: string) => {
      setErrors((e) => ({ ...e, name: undefined }));
      edit((d) => ({ ...d, name }));
    },
    move: (index: number, by: -1 | 1) => edit((d) => ({ ...d, steps: move(d.steps, index, index + by) })),
    setActive: (index: number, active: boolean) => edit((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? { ...s, active } : s)) })),
    remove: (index: number) => edit((d) => ({ ...d, steps: d.steps.filter((_, i) => i !== index) })),
    /** Replaces the step with this key, or adds a new one at the end when key is null. */
    put: (key: string | null, values: StepValues) => {
      if (key) setErrors((e) => ({ ...e, steps: { ...e.steps, [key]: {} } }));
      edit((d) => ({
        ...d,
        steps: key === null ? [...d.steps, { ...values, key: `new-${++added}` }] : d.steps.map((s) => (s.key === key ? { ...s, ...values } : s)),
      }));
    },
    discard: () => {
      setDraft(saved);
      setErrors(NO_ERRORS);
      setStatus(null);
    },
    save: () => (draft ? run(() => call('policy.save', toInput(draft)), 'Policy saved.') : Promise.resolve()),
    restore: () => run(() => call('policy.reset', {}), 'The standard policy is back.'),
    copyFrom: (from: string) => run(() => call('policy.copyFrom', { from }), `The policy of ${from} is copied into this ledger.`),
  };
}

export type PolicyDraftApi = ReturnType<typeof usePolicyDraft>;
