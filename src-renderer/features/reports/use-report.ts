import { useEffect, useState } from 'react';
import type { Input, Method, Output } from '../../../src-main/contract';
import { call } from '../../api/client';

/**
 * A report fetched again whenever its inputs change; an answer that arrives after newer inputs
 * were asked for is dropped, so a quick series of date changes cannot show a stale figure.
 * `input` null means "not ready to ask" (a date still being typed): the last answer stays.
 */
export function useReport<M extends Method>(method: M, input: Input<M> | null): { value: Output<M> | null; error: string | null; loading: boolean } {
  const [answer, setAnswer] = useState<{ key: string; value: Output<M> | null; error: string | null } | null>(null);
  const key = input === null ? null : `${method} ${JSON.stringify(input)}`;
  useEffect(() => {
    if (key === null) return;
    let live = true;
    call(method, JSON.parse(key.slice(method.length + 1)) as Input<M>).then(
      (value) => live && setAnswer({ key, value, error: null }),
      (err: Error) => live && setAnswer({ key, value: null, error: err.message }),
    );
    return () => {
      live = false;
    };
  }, [method, key]);
  return { value: answer?.value ?? null, error: answer?.error ?? null, loading: key !== null && answer?.key !== key };
}
