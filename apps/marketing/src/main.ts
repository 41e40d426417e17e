import { bootstrapCrmApp } from '@crm/runtime';
import { MARKETING_APP } from './marketing.app.js';

await bootstrapCrmApp(MARKETING_APP);
