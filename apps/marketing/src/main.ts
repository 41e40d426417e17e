import { bootstrapCrmApp } from '@crm/runtime';
import { loadMarketingConfig } from './marketing.config.js';
import { MarketingModule } from './marketing.module.js';

await bootstrapCrmApp({
  app: 'marketing',
  appConfig: loadMarketingConfig,
  module: (config, marketing) => MarketingModule.register(config, marketing),
});
