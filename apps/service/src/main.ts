import { bootstrapCrmApp } from '@crm/runtime';
import { loadServiceConfig } from './service.config.js';
import { ServiceModule } from './service.module.js';

await bootstrapCrmApp({
  app: 'service',
  appConfig: loadServiceConfig,
  module: (config, service) => ServiceModule.register(config, service),
});
