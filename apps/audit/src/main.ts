import { bootstrapCrmApp } from '@crm/runtime';
import { loadAuditConfig } from './audit.config.js';
import { AuditModule } from './audit.module.js';

await bootstrapCrmApp({ app: 'audit', appConfig: loadAuditConfig, module: (config, audit) => AuditModule.register(config, audit) });
