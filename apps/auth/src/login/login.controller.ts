import { Body, Controller, Headers, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { CrmError, ErrorCode } from '@crm/contracts';
import { ActorVerifier } from '@crm/security';
import type { AuthenticatedEmployee } from '../employee/employee.service.js';
import { SessionService, type SessionTokens } from '../session/session.service.js';
import { LocalAuthGuard } from './local-auth.guard.js';

@Controller('auth')
export class LoginController {
  constructor(
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(ActorVerifier) private readonly actors: ActorVerifier,
  ) {}

  /** `POST /auth/login {employeeId, password}` → a short-lived bearer token and a refresh token (SPEC §5.1). */
  @Post('login')
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  login(@Req() req: Request & { user: AuthenticatedEmployee }): Promise<SessionTokens> {
    return this.sessions.open(req.user.employeeId);
  }

  /** `POST /auth/refresh {refreshToken}` → new tokens; the old refresh token stops working. */
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body('refreshToken') refreshToken: unknown): Promise<SessionTokens> {
    return this.sessions.refresh(refreshToken);
  }

  /** `POST /auth/logout` with the bearer token: ends every session of the employee on every app. */
  @Post('logout')
  @HttpCode(204)
  async logout(@Headers('authorization') authorization: string | undefined): Promise<void> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new CrmError(ErrorCode.ActorInvalid);
    const actor = await this.actors.verifyToken(token);
    await this.sessions.logout(actor.employeeId);
  }
}
