import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { CredentialsModule } from '../password/credentials.module.js';
import { SessionModule } from '../session/session.module.js';
import { LocalStrategy } from './local.strategy.js';
import { LoginController } from './login.controller.js';

@Module({
  imports: [PassportModule, SessionModule, CredentialsModule],
  controllers: [LoginController],
  providers: [LocalStrategy],
})
export class LoginModule {}
