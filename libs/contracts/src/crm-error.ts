import { defaultMessage, ErrorCode } from './error-codes.js';

export interface FieldError {
  field: string;
  reasons: string[];
}

/**
 * The one domain exception: services throw it with a code from the contract table and never
 * throw transport exceptions. The transport maps it to the wire reply.
 */
export class CrmError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: FieldError[],
  ) {
    super(message ?? defaultMessage(code));
    this.name = 'CrmError';
  }
}
