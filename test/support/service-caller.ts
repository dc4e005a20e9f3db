import type { CallResult, Handlers, ServiceErrorData } from '../../src-main/contract';
import type { Ledger } from '../../src-main/ledger/ledger';
import { dispatch } from '../../src-main/services/dispatch';
import { snapshot } from './temp-ledger';

/**
 * Calls services the way both transports do, through dispatch, so every test also goes through
 * the contract's validation. Getters, because each test opens its own ledger and handlers.
 */
export function serviceCaller(handlers: () => Handlers, ledger: () => Ledger) {
  const call = (method: string, input: unknown) => dispatch(handlers(), method, input, () => undefined);
  return {
    call,
    /** The call's value; a refusal fails the test with the error. */
    async ok<T = Record<string, unknown>>(method: string, input: unknown): Promise<T> {
      const r = (await call(method, input)) as CallResult<T>;
      if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
      return r.value;
    },
    /** The error of a call that must be refused, having checked that it changed nothing at all. */
    async refused(method: string, input: unknown): Promise<ServiceErrorData> {
      const before = snapshot(ledger());
      const r = await call(method, input);
      if (r.ok) throw new Error(`${method} should have been refused: ${JSON.stringify(r.value)}`);
      expect(snapshot(ledger())).toEqual(before);
      return r.error;
    },
  };
}
