import { randomUUID } from 'node:crypto';
import { RpcException } from '@nestjs/microservices';
import { CrmError, defaultMessage, ErrorCode, isErrorCode, type ErrBody } from '@crm/contracts';
import { isDuplicateKey } from '@crm/persistence';

export interface MappedError {
  body: ErrBody;
  /** Set for 5000: the id in the reply and in the log line, and the error to log. */
  errorId?: string;
  cause?: unknown;
}

/**
 * Maps anything thrown on the RPC path to the wire error of SPEC §2.2. The exhaustive switch over
 * ErrorCode fails to compile when a code is added without deciding how it is exposed.
 */
export function toErrorReply(error: unknown): MappedError {
  if (error instanceof CrmError) return fromCode(error.code, error.message, error.details, error);
  if (error instanceof RpcException) {
    const inner = error.getError();
    if (typeof inner === 'object' && inner !== null && isErrorCode((inner as { code?: unknown }).code)) {
      const { code, message } = inner as { code: ErrorCode; message?: string };
      return fromCode(code, typeof message === 'string' ? message : undefined, undefined, error);
    }
  }
  if (isDuplicateKey(error)) return fromCode(ErrorCode.Conflict, undefined, undefined, error);
  if (isConnectionError(error)) return fromCode(ErrorCode.Unavailable, undefined, undefined, error);
  return fromCode(ErrorCode.Internal, undefined, undefined, error);
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'PROTOCOL_CONNECTION_LOST', 'ETIMEDOUT', 'ECONNRESET', 'ER_CON_COUNT_ERROR', 'EPIPE'].includes(code)
  );
}

function fromCode(code: ErrorCode, message: string | undefined, details: ErrBody['details'], cause: unknown): MappedError {
  switch (code) {
    case ErrorCode.Internal: {
      // Never a stack or SQL on the wire: only an id that finds the log line.
      const errorId = randomUUID();
      return { body: { code, message: `internal error (error id ${errorId})` }, errorId, cause };
    }
    case ErrorCode.InvalidCredentials:
    case ErrorCode.CredentialsMissing:
    case ErrorCode.CallerDisabled:
    case ErrorCode.CallerLocked:
    case ErrorCode.CredentialExpired:
    case ErrorCode.SourceNotAllowed:
      // Authentication outcomes use fixed texts so that no reply reveals more than its code.
      return { body: { code, message: defaultMessage(code) } };
    case ErrorCode.ActorInvalid:
    case ErrorCode.Forbidden:
    case ErrorCode.Conflict:
      // Login outcomes after a verified password ("second factor required", "password change
      // required") name what the employee must do next; a conflict may name what it collided with
      // (a duplicate account: the existing one's id and number). The thrower decides the text.
      return { body: { code, message: message ?? defaultMessage(code), ...(details?.length ? { details } : {}) } };
    case ErrorCode.ValidationFailed:
      return { body: { code, message: message ?? defaultMessage(code), details: details ?? [] } };
    case ErrorCode.Ok:
    case ErrorCode.Malformed:
    case ErrorCode.NotFound:
    case ErrorCode.RateLimited:
    case ErrorCode.Unavailable:
      return { body: { code, message: message ?? defaultMessage(code) } };
  }
}
