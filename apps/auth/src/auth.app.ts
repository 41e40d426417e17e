import type { AppDefinition } from '@crm/runtime';
import { loadAuthConfig, type AuthConfig } from './auth.config.js';
import { AuthModule } from './auth.module.js';

/** The auth app's configuration and module: what its entry starts and the migrate command reads the schema of. */
export const AUTH_APP: AppDefinition<AuthConfig> = {
  app: 'auth',
  appConfig: loadAuthConfig,
  module: (config, auth) => AuthModule.register(config, auth),
};
