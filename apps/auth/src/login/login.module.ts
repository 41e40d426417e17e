import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import type { CrmConfig } from '@crm/config';
import { CRM_CONFIG } from '@crm/runtime';
import { ACCESS_TOKEN_ISSUER, accessTokenKey } from '@crm/security';
import { CredentialsModule } from '../password/credentials.module.js';
import { LocalStrategy } from './local.strategy.js';
import { LoginController } from './login.controller.js';

@Module({
  imports: [
    PassportModule,
    CredentialsModule,
    JwtModule.registerAsync({
      useFactory: (config: CrmConfig) => ({
        secret: accessTokenKey(config),
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtTtlSeconds, issuer: ACCESS_TOKEN_ISSUER },
      }),
      inject: [CRM_CONFIG],
    }),
  ],
  controllers: [LoginController],
  providers: [LocalStrategy],
})
export class LoginModule {}
