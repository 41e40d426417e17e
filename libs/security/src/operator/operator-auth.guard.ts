import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { CrmError, ErrorCode } from '@crm/contracts';
import { OPERATOR_JWT } from './operator-jwt.strategy.js';
import type { Operator } from './operator.js';

/** Missing, malformed, forged or expired token: 4010 (HTTP 401), never passport's bare 401. */
@Injectable()
export class OperatorAuthGuard extends AuthGuard(OPERATOR_JWT) {
  override handleRequest<T = Operator>(err: unknown, user: unknown): T {
    if (err || !user) throw new CrmError(ErrorCode.ActorInvalid);
    return user as T;
  }
}
