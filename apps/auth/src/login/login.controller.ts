import { Body, Controller, Headers, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CrmError, ErrorCode } from '@crm/contracts';
import { ActorVerifier } from '@crm/security';
import { ApiErrors } from '@crm/runtime';
import type { AuthenticatedEmployee } from '../employee/employee.service.js';
import { SessionService, type SessionTokens } from '../session/session.service.js';
import { LocalAuthGuard } from './local-auth.guard.js';
import { LoginDto, RefreshDto, SessionTokensResponse } from './login.dto.js';

@ApiTags('session')
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
  @ApiOperation({ summary: 'Log in with the employee ID and password (and a TOTP or recovery code once 2FA is on)' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: SessionTokensResponse })
  @ApiErrors(
    [ErrorCode.CredentialsMissing, 'employeeId and password are required'],
    [ErrorCode.InvalidCredentials, 'wrong ID or password, locked, initial password expired, or wrong second factor (all alike)'],
    [ErrorCode.ActorInvalid, 'second factor required'],
    [ErrorCode.Forbidden, 'password change required, or two-factor enrolment required (see details)'],
  )
  login(@Req() req: Request & { user: AuthenticatedEmployee }): Promise<SessionTokens> {
    return this.sessions.open(req.user.employeeId);
  }

  /** `POST /auth/refresh {refreshToken}` → new tokens; the old refresh token stops working. */
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'New tokens for a refresh token; the old refresh token stops working' })
  @ApiBody({ type: RefreshDto })
  @ApiOkResponse({ type: SessionTokensResponse })
  @ApiErrors([ErrorCode.ActorInvalid, 'refresh token invalid, expired, used before or its session ended'])
  refresh(@Body('refreshToken') refreshToken: unknown): Promise<SessionTokens> {
    return this.sessions.refresh(refreshToken);
  }

  /** `POST /auth/logout` with the bearer token: ends every session of the employee on every app. */
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End every session of the employee on every app (no body)' })
  @ApiNoContentResponse({ description: 'logged out' })
  @ApiErrors([ErrorCode.ActorInvalid, 'bearer token missing, invalid or already ended'])
  async logout(@Headers('authorization') authorization: string | undefined): Promise<void> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new CrmError(ErrorCode.ActorInvalid);
    const actor = await this.actors.verifyToken(token);
    await this.sessions.logout(actor.employeeId);
  }
}
