import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { CrmError, ErrorCode } from '@crm/contracts';
import { OPERATOR_JWT } from './operator-jwt.strategy.js';
import type { Operator } from './operator.js';

/**
 * Missing, malformed, forged, expired or revoked token: 4010 (HTTP 401), never passport's bare
 * 401. A failed session check (auth unreachable: 5030) keeps its own code.
 */
@Injectable()
export class OperatorAuthGuard extends AuthGuard(OPERATOR_JWT) {
  override handleRequest<T = Operator>(err: unknown, user: unknown): T {
    if (err instanceof CrmError) throw err;
    if (err || !user) throw new CrmError(ErrorCode.ActorInvalid);
    return user as T;
  }
}
