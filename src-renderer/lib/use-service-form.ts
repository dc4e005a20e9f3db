import { useState } from 'react';
import { ServiceCallError } from '../api/client';

/**
 * A form's save state: the per-field messages and the banner a refused call leaves behind, and
 * whether a call is under way (so its button can be disabled meanwhile).
 */
export function useServiceForm() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /**
   * Runs the save; if it throws, the service's field messages go beside their fields and its
   * message into the banner. Resolves to whether it went through.
   */
  async function submit(run: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    try {
      await run();
      return true;
    } catch (err) {
      setErrors(err instanceof ServiceCallError ? err.fields : {});
      setMessage((err as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { errors, setErrors, message, setMessage, busy, submit };
}
