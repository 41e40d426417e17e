import type { AppDefinition } from '@crm/runtime';
import { loadSalesConfig, type SalesConfig } from './sales.config.js';
import { SalesModule } from './sales.module.js';

/** The sales app's configuration and module: what its entry starts and the migrate command reads the schema of. */
export const SALES_APP: AppDefinition<SalesConfig> = {
  app: 'sales',
  appConfig: loadSalesConfig,
  module: (config, sales) => SalesModule.register(config, sales),
};
