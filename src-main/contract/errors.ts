/**
 * Errors cross both transports as plain data so the renderer can show them next to the
 * field they concern (fields) or as a message (message), whatever transport carried them.
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'unknown_method'
  /** Another program holds the ledger's write lock; the UI offers Retry. */
  | 'busy'
  /** A long job was cancelled and rolled back. */
  | 'cancelled'
  | 'internal';

export interface ServiceErrorData {
  code: ErrorCode;
  message: string;
  /** Field path (e.g. `contacts.1.email`) → message, for inline display. */
  fields?: Record<string, string>;
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ServiceErrorData };
