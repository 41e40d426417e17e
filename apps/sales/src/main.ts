import { bootstrapCrmApp } from '@crm/runtime';
import { SalesModule } from './sales.module.js';

await bootstrapCrmApp({ app: 'sales', module: (config) => SalesModule.register(config) });
