import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ChangeRecorder, OutboxModule } from '@crm/outbox';
import { AUTH_CONFIG, type AuthConfig } from '../auth.config.js';
import { SecretBox } from '@crm/security';
import { EmployeeService } from '../employee/employee.service.js';
import { EmployeeRoles } from '../role/employee-roles.js';
import { SessionModule } from '../session/session.module.js';
import { SessionRevoker } from '../session/session-revoker.js';
import { TwoFactorController } from '../two-factor/two-factor.controller.js';
import { TwoFactorRepository } from '../two-factor/two-factor.repository.js';
import { TwoFactorRequirement } from '../two-factor/two-factor-requirement.js';
import { TwoFactorService } from '../two-factor/two-factor.service.js';
import { LoginFailureLog } from './login-failure-log.js';
import { loginSettingsFrom } from './login-policy.js';
import { PasswordHistoryRepository } from './password-history.repository.js';
import { PasswordController } from './password.controller.js';
import { PasswordService } from './password.service.js';

const ds = [getDataSourceToken()];

/**
 * Employee credentials: EmployeeService configured with the login policy, passwords (change,
 * history) and TOTP. One module because password change needs the second factor and TOTP
 * enrolment needs password re-authentication.
 */
@Module({
  imports: [SessionModule, OutboxModule],
  controllers: [PasswordController, TwoFactorController],
  providers: [
    {
      provide: EmployeeService,
      useFactory: (d: DataSource, c: AuthConfig, r: ChangeRecorder) =>
        new EmployeeService(d, loginSettingsFrom(c.credentials), new LoginFailureLog(r)),
      inject: [...ds, AUTH_CONFIG, ChangeRecorder],
    },
    { provide: PasswordHistoryRepository, useFactory: (d: DataSource) => new PasswordHistoryRepository(d), inject: ds },
    { provide: TwoFactorRepository, useFactory: (d: DataSource) => new TwoFactorRepository(d), inject: ds },
    {
      provide: TwoFactorRequirement,
      useFactory: (d: DataSource, c: AuthConfig) => new TwoFactorRequirement(new EmployeeRoles(d), c.credentials.twoFactorRequiredRoles),
      inject: [...ds, AUTH_CONFIG],
    },
    {
      provide: TwoFactorService,
      useFactory: (r: TwoFactorRepository, box: SecretBox, e: EmployeeService, req: TwoFactorRequirement, ops: ChangeRecorder) =>
        new TwoFactorService(r, box, e, req, ops),
      inject: [TwoFactorRepository, SecretBox, EmployeeService, TwoFactorRequirement, ChangeRecorder],
    },
    {
      provide: PasswordService,
      useFactory: (
        d: DataSource,
        c: AuthConfig,
        e: EmployeeService,
        t: TwoFactorService,
        h: PasswordHistoryRepository,
        s: SessionRevoker,
        ops: ChangeRecorder,
      ) => new PasswordService(d, { history: c.credentials.passwordHistory, companyWords: c.credentials.blocklistWords }, e, t, h, s, ops),
      inject: [...ds, AUTH_CONFIG, EmployeeService, TwoFactorService, PasswordHistoryRepository, SessionRevoker, ChangeRecorder],
    },
  ],
  exports: [EmployeeService, TwoFactorService, PasswordService],
})
export class CredentialsModule {}
