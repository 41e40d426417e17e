import type { AppDefinition } from '@crm/runtime';
import { loadMarketingConfig, type MarketingConfig } from './marketing.config.js';
import { MarketingModule } from './marketing.module.js';

/** The marketing app's configuration and module: what its entry starts and the migrate command reads the schema of. */
export const MARKETING_APP: AppDefinition<MarketingConfig> = {
  app: 'marketing',
  appConfig: loadMarketingConfig,
  module: (config, marketing) => MarketingModule.register(config, marketing),
};
