import { bootstrapCrmApp } from '@crm/runtime';
import { MarketingModule } from './marketing.module.js';

await bootstrapCrmApp({ app: 'marketing', module: (config) => MarketingModule.register(config) });
