import { bootstrapCrmApp } from '@crm/runtime';
import { SERVICE_APP } from './service.app.js';

await bootstrapCrmApp(SERVICE_APP);
