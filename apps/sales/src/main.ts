import { bootstrapCrmApp } from '@crm/runtime';
import { SALES_APP } from './sales.app.js';

await bootstrapCrmApp(SALES_APP);
