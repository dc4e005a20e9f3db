import type { ZodError } from 'zod';
import { DESK_METHODS, inputSchemas, type CallResult, type DeskHandlers, type Handlers, type Method } from '../contract';
import type { JobContext } from '../contract/jobs';
import { ServiceError } from '../contract/service-error';
import { noJob } from '../jobs/job-context';

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(inputSchemas, name);
}

function validationError(err: ZodError): ServiceError {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  const count = Object.keys(fields).length;
  return new ServiceError('validation', count === 1 ? 'Please correct the highlighted field.' : `Please correct the ${count} highlighted fields.`, fields);
}

/**
 * The single entry point both transports call: unknown method, invalid input and service
 * failures all come back as a typed error value, never as a thrown transport error. The
 * handlers are one open ledger's (createHandlers) or the desk's (deskHandlers); a method the
 * given set does not answer is refused as unknown to it.
 */
export async function dispatch(
  handlers: Partial<Handlers & DeskHandlers>,
  method: unknown,
  input: unknown,
  log: (msg: string, err: unknown) => void = (m, e) => console.error(m, e),
  job: JobContext = noJob,
): Promise<CallResult<unknown>> {
  if (!isMethod(method)) {
    return { ok: false, error: { code: 'unknown_method', message: `Unknown service method: ${String(method)}` } };
  }
  const handler = handlers[method] as ((i: unknown, job: JobContext) => Promise<unknown>) | undefined;
  if (!handler) {
    return { ok: false, error: { code: 'unknown_method', message: `${method} is not answered here: it is about ${(DESK_METHODS as readonly string[]).includes(method) ? 'the list of ledgers, not one ledger' : 'one open ledger'}` } };
  }
  const parsed = inputSchemas[method].safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error).toData() };
  try {
    return { ok: true, value: await handler(parsed.data, job) };
  } catch (err) {
    if (err instanceof ServiceError) return { ok: false, error: err.toData() };
    log(`service ${method} failed`, err);
    return { ok: false, error: { code: 'internal', message: `Something went wrong in ${method}: ${(err as Error)?.message ?? String(err)}` } };
  }
}
