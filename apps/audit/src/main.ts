import { bootstrapCrmApp } from '@crm/runtime';
import { AuditModule } from './audit.module.js';

await bootstrapCrmApp({ app: 'audit', module: (config) => AuditModule.register(config) });
