import type { AppDefinition } from '@crm/runtime';
import { loadServiceConfig, type ServiceConfig } from './service.config.js';
import { ServiceModule } from './service.module.js';

/** The service app's configuration and module: what its entry starts and the migrate command reads the schema of. */
export const SERVICE_APP: AppDefinition<ServiceConfig> = {
  app: 'service',
  appConfig: loadServiceConfig,
  module: (config, service) => ServiceModule.register(config, service),
};
