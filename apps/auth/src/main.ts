import { bootstrapCrmApp } from '@crm/runtime';
import { loadAuthConfig } from './auth.config.js';
import { AuthModule } from './auth.module.js';
import { setupOpenApi } from './openapi.js';

await bootstrapCrmApp({
  app: 'auth',
  appConfig: loadAuthConfig,
  module: (config, auth) => AuthModule.register(config, auth),
  beforeListen: (app, _config, auth) => {
    // The operator console (served by audit) signs in here from the browser: CONSOLE_ORIGINS only.
    app.enableCors({
      origin: auth.consoleOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization'],
      maxAge: 600,
    });
    setupOpenApi(app);
  },
});
