import { Module, type DynamicModule } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { createPingController, RuntimeModule } from '@crm/runtime';
import { AUTH_CONFIG, type AuthConfig } from './auth.config.js';
import { CallerModule } from './caller/caller.module.js';
import { LocalCallerDirectory } from './caller/local-caller-directory.js';
import { AUTH_ENTITIES, AUTH_MIGRATIONS } from './database/auth.database.js';
import { EmployeeModule } from './employee/employee.module.js';
import { LoginModule } from './login/login.module.js';
import { LocalActorDirectory } from './session/local-actor-directory.js';
import { AccessReviewModule } from './review/access-review.module.js';
import { RoleModule } from './role/role.module.js';
import { PasswordResetModule } from './password-reset/password-reset.module.js';
import { SessionModule } from './session/session.module.js';
import { TeamModule } from './team/team.module.js';

/** The auth app: system callers and their credentials, employees and login. */
@Module({})
export class AuthModule {
  static register(config: CrmConfig, auth: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        RuntimeModule.forApp({
          app: 'auth',
          config,
          appConfig: { token: AUTH_CONFIG, value: auth },
          entities: AUTH_ENTITIES,
          migrations: AUTH_MIGRATIONS,
          callerDirectory: LocalCallerDirectory,
          actorDirectory: LocalActorDirectory,
        }),
        CallerModule,
        LoginModule,
        PasswordResetModule,
        SessionModule,
        EmployeeModule,
        TeamModule,
        RoleModule,
        AccessReviewModule,
      ],
      controllers: [createPingController('auth')],
    };
  }
}
