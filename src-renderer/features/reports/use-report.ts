import { useEffect, useState } from 'react';
import type { Input, Method, Output } from '../../../src-main/contract';
import { call } from '../../api/client';

/**
 * A report fetched again whenever its inputs change; an answer that arrives after newer inputs
 * were asked for is dropped, so a quick series of date changes cannot show a stale figure.
 * `input` null means "not ready to ask" (a date still being typed).
 */
export function useReport<M extends Method>(method: M, input: Input<M> | null): { value: Output<M> | null; error: string | null; loading: boolean } {
  const [state, setState] = useState<{ value: Output<M> | null; error: string | null; loading: boolean }>({ value: null, error: null, loading: true });
  const key = input === null ? null : JSON.stringify(input);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    call(method, JSON.parse(key) as Input<M>).then(
      (value) => live && setState({ value, error: null, loading: false }),
      (err: Error) => live && setState({ value: null, error: err.message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [method, key]);
  return state;
}
