// `node dist/scripts/migrate/main.js [app...]` (no app: all five): creates each app's database when
// missing and runs its pending migrations with DATABASE_URL's account, an administrator's. npm start
// and the test harness run it before starting the apps under their own accounts, which may not
// change the schema. One process for all the apps: a Node start that loads an app's modules costs
// about 2.5 s of CPU, which once per app made every start 10 s of CPU slower (docs/design.md).
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { APP_NAMES, isAppName, type AppName } from '@crm/contracts';
import type { CrmConfig } from '@crm/config';
import { configOrExit, migrateApp } from '@crm/runtime';

// Each app's modules are loaded only when that app is migrated.
const MIGRATE: Record<AppName, (config: CrmConfig) => Promise<boolean>> = {
  auth: async (c) => migrateApp((await import('../../apps/auth/src/auth.app.js')).AUTH_APP, c),
  marketing: async (c) => migrateApp((await import('../../apps/marketing/src/marketing.app.js')).MARKETING_APP, c),
  sales: async (c) => migrateApp((await import('../../apps/sales/src/sales.app.js')).SALES_APP, c),
  service: async (c) => migrateApp((await import('../../apps/service/src/service.app.js')).SERVICE_APP, c),
  audit: async (c) => migrateApp((await import('../../apps/audit/src/audit.app.js')).AUDIT_APP, c),
};

// Each app's module is built here only to read its schema, so @nestjs/typeorm sees the default data
// source declared once per app and warns that they would override each other (they would, in one
// Nest application; none runs here). Nest's own logger keeps its errors only.
Logger.overrideLogger(['error']);

const args = process.argv.slice(2);
const unknown = args.filter((a) => !isAppName(a));
if (unknown.length > 0) {
  process.stderr.write(`error: not an app: ${unknown.join(', ')}\nusage: node dist/scripts/migrate/main.js [${APP_NAMES.join('|')}]...\n`);
  process.exit(64); // EX_USAGE
}
const apps = args.length > 0 ? [...new Set(args as AppName[])] : [...APP_NAMES];
const config = configOrExit();
// The apps' migrations one beside the other: the time goes into waiting for MariaDB.
const ok = await Promise.all(apps.map((app) => MIGRATE[app](config)));
process.exit(ok.every(Boolean) ? 0 : 1);
