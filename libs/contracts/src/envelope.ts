import type { ErrorCode } from './error-codes.js';
import type { FieldError } from './crm-error.js';

/** `data` of an inbound call (SPEC §2.1). */
export interface CallData<P = unknown> {
  caller: string;
  password?: string;
  requestId?: string;
  actor?: string;
  payload: P;
}

export interface OkBody<T = unknown> {
  code: 0;
  message: 'OK';
  data: T;
}

export interface ErrBody {
  code: ErrorCode;
  message: string;
  details?: FieldError[];
}

export type Reply<T = unknown> = { response: OkBody<T>; isDisposed: true } | { err: ErrBody; isDisposed: true };

export function okBody<T>(data: T): OkBody<T> {
  return { code: 0, message: 'OK', data };
}
