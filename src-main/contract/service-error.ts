import type { ErrorCode, ServiceErrorData } from './errors';

/** Thrown by services for anything the user can act on; crosses the transports as data. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  toData(): ServiceErrorData {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}
