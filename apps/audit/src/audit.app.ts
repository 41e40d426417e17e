import type { AppDefinition } from '@crm/runtime';
import { loadAuditConfig, type AuditConfig } from './audit.config.js';
import { AuditModule } from './audit.module.js';

/** The audit app's configuration and module: what its entry starts and the migrate command reads the schema of. */
export const AUDIT_APP: AppDefinition<AuditConfig> = {
  app: 'audit',
  appConfig: loadAuditConfig,
  module: (config, audit) => AuditModule.register(config, audit),
};
