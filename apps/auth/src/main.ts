import { bootstrapCrmApp } from '@crm/runtime';
import { AuthModule } from './auth.module.js';

await bootstrapCrmApp({ app: 'auth', module: (config) => AuthModule.register(config) });
