import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import type { CrmConfig } from '@crm/config';
import { OutboxModule } from '@crm/outbox';
import { CRM_CONFIG } from '@crm/runtime';
import { AUTH_CONFIG, type AuthConfig } from '../auth.config.js';
import { ACCESS_TOKEN_ISSUER, accessTokenKey } from '@crm/security';
import { EmployeeSessionController } from './employee-session.controller.js';
import { LocalActorDirectory } from './local-actor-directory.js';
import { SessionRevoker } from './session-revoker.js';
import { SessionService } from './session.service.js';

/** Employee sessions: access and refresh tokens, revocation, and the session check other apps use. */
@Module({
  imports: [
    OutboxModule,
    JwtModule.registerAsync({
      useFactory: (config: CrmConfig, auth: AuthConfig) => ({
        secret: accessTokenKey(config),
        signOptions: { algorithm: 'HS256', expiresIn: auth.jwtTtlSeconds, issuer: ACCESS_TOKEN_ISSUER },
      }),
      inject: [CRM_CONFIG, AUTH_CONFIG],
    }),
  ],
  controllers: [EmployeeSessionController],
  providers: [SessionRevoker, SessionService, LocalActorDirectory],
  exports: [SessionRevoker, SessionService, LocalActorDirectory],
})
export class SessionModule {}
