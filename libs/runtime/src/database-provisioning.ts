import { DataSource, type DataSourceOptions } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import type { AppName } from '@crm/contracts';
import {
  DatabaseAccountAdmin,
  dataSourceOptions,
  databaseAccounts,
  newDatabasePassword,
  withDatabaseAccount,
  type DatabaseAccount,
} from '@crm/persistence';
import { OutboundCredentialEntity, OutboundCredentialStore, SecretBox, SecretBoxError } from '@crm/security';

export interface DatabaseProvisioningOptions {
  /** The installation; its `databaseUrl` is the administrator's account. */
  config: CrmConfig;
  apps: readonly AppName[];
  /** Creates and migrates the apps' databases with the administrator's account: one `node dist/scripts/migrate/main.js <app>...`. */
  migrate: (apps: readonly AppName[]) => Promise<void>;
  /** Where the apps connect from, as the server sees it (DATABASE_ACCOUNT_HOST, default `%`). */
  host?: string;
  log: (message: string) => void;
}

export interface ProvisionedAccount {
  account: DatabaseAccount;
  /** DATABASE_URL with this account: what the app (or its retention job) connects with. */
  url: string;
  /** Whether the password was made now (first start, or the stored one could not be opened). */
  created: boolean;
}

/**
 * What npm start and the test harness do before starting an app under its own account: the app's
 * database created and migrated with the administrator's account, then the app's accounts created
 * (or found) with their stored passwords and given their rights. Passwords are generated once, sealed
 * with the master key in the app's own `outbound_credential` table (targets `database` and
 * `database-retention`) and reused at every start, so a second start changes nothing and replicas on
 * other machines keep working; `key rotate` re-encrypts them with the app's other credentials. A
 * stored password that no configured key opens is replaced (and the account's password with it).
 * No password is ever logged.
 */
export async function provisionDatabaseAccounts(o: DatabaseProvisioningOptions): Promise<Map<AppName, ProvisionedAccount[]>> {
  await o.migrate(o.apps);
  const box = new SecretBox(o.config.masterKeys.current, o.config.masterKeys.previous);
  const admin = await DatabaseAccountAdmin.connect(o.config.databaseUrl, o.host);
  const result = new Map<AppName, ProvisionedAccount[]>();
  try {
    await Promise.all(o.apps.map(async (app) => result.set(app, await provisionApp(o, admin, box, app))));
  } finally {
    await admin.close();
  }
  return result;
}

async function provisionApp(
  o: DatabaseProvisioningOptions,
  admin: DatabaseAccountAdmin,
  box: SecretBox,
  app: AppName,
): Promise<ProvisionedAccount[]> {
  const { config } = o;
  const accounts = databaseAccounts(config.namespace, [app]);
  const target = { databaseUrl: config.databaseUrl, database: accounts[0].database };
  // The migrate command created the database.
  const ds = new DataSource({ ...dataSourceOptions(target, [OutboundCredentialEntity], [], 1), migrationsRun: false } as DataSourceOptions);
  await ds.initialize();
  try {
    const store = new OutboundCredentialStore(ds, box, app, 0);
    const provisioned: ProvisionedAccount[] = [];
    for (const account of accounts) {
      let password: string | null = null;
      if (await store.has(account.credentialTarget)) {
        try {
          const stored = await store.get(account.credentialTarget);
          if (stored.caller === account.user) password = stored.password;
        } catch (error) {
          if (!(error instanceof SecretBoxError)) throw error;
          o.log(`the stored password of database account ${account.user} does not open (${error.message}): giving it a new one`);
        }
      }
      const created = password === null;
      password ??= newDatabasePassword();
      // Sealed first: a failure after this point is repaired by the next start setting the same password.
      if (created) await store.set(account.credentialTarget, account.user, password);
      await admin.setPassword(account, password);
      await admin.applyGrants(account);
      provisioned.push({ account, url: withDatabaseAccount(config.databaseUrl, account.user, password), created });
    }
    return provisioned;
  } finally {
    await ds.destroy();
  }
}

/** Removes an installation's accounts (test namespaces). */
export async function dropDatabaseAccounts(adminUrl: string, namespace: string, apps: readonly string[], host?: string): Promise<void> {
  const admin = await DatabaseAccountAdmin.connect(adminUrl, host);
  try {
    await admin.drop(databaseAccounts(namespace, apps));
  } finally {
    await admin.close();
  }
}
