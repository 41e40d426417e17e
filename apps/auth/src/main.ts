import { bootstrapCrmApp } from '@crm/runtime';
import { AUTH_APP } from './auth.app.js';

await bootstrapCrmApp({
  ...AUTH_APP,
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
