import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { CRM_CONFIG } from '@crm/runtime';
import { ACCESS_TOKEN_ISSUER, accessTokenKey } from '@crm/security';
import { EmployeeService } from '../employee/employee.service.js';
import { LocalStrategy } from './local.strategy.js';
import { LoginController } from './login.controller.js';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      useFactory: (config: CrmConfig) => ({
        secret: accessTokenKey(config),
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtTtlSeconds, issuer: ACCESS_TOKEN_ISSUER },
      }),
      inject: [CRM_CONFIG],
    }),
  ],
  controllers: [LoginController],
  providers: [{ provide: EmployeeService, useFactory: (ds: DataSource) => new EmployeeService(ds), inject: [getDataSourceToken()] }, LocalStrategy],
})
export class LoginModule {}
