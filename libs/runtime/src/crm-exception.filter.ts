import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { throwError, type Observable } from 'rxjs';
import { ErrorCode } from '@crm/contracts';
import { toErrorReply } from '@crm/messaging';

/** HTTP status for each contract code, so HTTP answers carry the same codes as RMQ replies. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.Ok:
      return 200;
    case ErrorCode.Malformed:
      return 400;
    case ErrorCode.CredentialsMissing:
    case ErrorCode.InvalidCredentials:
    case ErrorCode.CredentialExpired:
    case ErrorCode.ActorInvalid:
      return 401;
    case ErrorCode.CallerDisabled:
    case ErrorCode.CallerLocked:
    case ErrorCode.SourceNotAllowed:
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
      return 409;
    case ErrorCode.ValidationFailed:
      return 422;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.Internal:
      return 500;
    case ErrorCode.Unavailable:
      return 503;
  }
}

/**
 * One filter for both transports. RPC: hand the original error to CrmServerRMQ, which maps it to
 * the wire reply (Nest's default would flatten everything to "Internal server error").
 * HTTP: CrmError becomes `{code, message, details}` with a matching status; Nest's own HTTP
 * exceptions keep their default shape.
 */
@Catch()
export class CrmExceptionFilter extends BaseExceptionFilter {
  private readonly log = new Logger('CrmExceptionFilter');

  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    if (host.getType() !== 'http') return super.catch(exception, host);
    if (exception instanceof HttpException) return super.catch(exception, host);
    const mapped = toErrorReply(exception);
    if (mapped.errorId)
      this.log.error({ msg: 'http handler failed', errorId: mapped.errorId, err: String((mapped.cause as Error)?.stack ?? mapped.cause) });
    const res = host.switchToHttp().getResponse<Response>();
    res.status(httpStatusOf(mapped.body.code)).json(mapped.body);
  }
}
