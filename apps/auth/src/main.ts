import { bootstrapCrmApp } from '@crm/runtime';
import { AuthModule } from './auth.module.js';
import { setupOpenApi } from './openapi.js';

await bootstrapCrmApp({ app: 'auth', module: (config) => AuthModule.register(config), beforeListen: setupOpenApi });
