import { bootstrapCrmApp } from '@crm/runtime';
import { AUDIT_APP } from './audit.app.js';

await bootstrapCrmApp({
  ...AUDIT_APP,
  apiDocs: {
    description:
      'The interface call log and the operation log (queries, export), backups, retention, hash-chain integrity and alerts. ' +
      'Sign in at auth (`POST /auth/login`) and send `Authorization: Bearer <accessToken>`; each operation names the permission it needs.',
    // The operator console's static files (and its icon at /favicon.ico) are a page, not an API.
    excludePaths: [/^\/console(\/|$)/, /^\/favicon\.ico$/],
  },
});
