import { bootstrapCrmApp } from '@crm/runtime';
import { ServiceModule } from './service.module.js';

await bootstrapCrmApp({ app: 'service', module: (config) => ServiceModule.register(config) });
