import { Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import type { CrmConfig } from '@crm/config';
import { CRM_CONFIG } from '@crm/runtime';
import type { AccessTokenClaims } from '@crm/security';
import type { AuthenticatedEmployee } from '../employee/employee.service.js';
import { LocalAuthGuard } from './local-auth.guard.js';

@Controller('auth')
export class LoginController {
  constructor(
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(CRM_CONFIG) private readonly config: CrmConfig,
  ) {}

  /** `POST /auth/login {employeeId, password}` → a short-lived bearer token (SPEC §5.1). */
  @Post('login')
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  async login(@Req() req: Request & { user: AuthenticatedEmployee }) {
    const e = req.user;
    const claims: AccessTokenClaims = { sub: e.employeeId, perms: e.permissions, sv: e.sessionVersion };
    const accessToken = await this.jwt.signAsync(claims);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds, employeeId: e.employeeId, permissions: e.permissions };
  }
}
