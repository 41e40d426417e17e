import { bootstrapCrmApp } from '@crm/runtime';
import { loadSalesConfig } from './sales.config.js';
import { SalesModule } from './sales.module.js';

await bootstrapCrmApp({ app: 'sales', appConfig: loadSalesConfig, module: (config, sales) => SalesModule.register(config, sales) });
