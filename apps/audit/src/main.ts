import { bootstrapCrmApp } from '@crm/runtime';
import { loadAuditConfig } from './audit.config.js';
import { AuditModule } from './audit.module.js';

await bootstrapCrmApp({
  app: 'audit',
  appConfig: loadAuditConfig,
  module: (config, audit) => AuditModule.register(config, audit),
  apiDocs: {
    description:
      'The interface call log and the operation log (queries, export), backups, retention, hash-chain integrity and alerts. ' +
      'Sign in at auth (`POST /auth/login`) and send `Authorization: Bearer <accessToken>`; each operation names the permission it needs.',
    // The operator console's static files (and its icon at /favicon.ico) are a page, not an API.
    excludePaths: [/^\/console(\/|$)/, /^\/favicon\.ico$/],
  },
});
