import { bootstrapCrmApp } from '@crm/runtime';
import { loadAuthConfig } from './auth.config.js';
import { AuthModule } from './auth.module.js';

await bootstrapCrmApp({
  app: 'auth',
  appConfig: loadAuthConfig,
  module: (config, auth) => AuthModule.register(config, auth),
  apiDocs: {
    description:
      'Employees (onboarding, offboarding), roles and permissions, teams, access review, logins, passwords and two-factor authentication. ' +
      'Authenticate with `POST /auth/login`, then send `Authorization: Bearer <accessToken>`.',
  },
  beforeListen: (app, _config, auth) => {
    // The operator console (served by audit) signs in here from the browser: CONSOLE_ORIGINS only.
    app.enableCors({
      origin: auth.consoleOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization'],
      maxAge: 600,
    });
  },
});
