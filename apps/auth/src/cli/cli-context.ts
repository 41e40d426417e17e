import { DataSource } from 'typeorm';
import { Logger } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { names, type AppName } from '@crm/contracts';
import { BrokerConnection, EventPublisher } from '@crm/messaging';
import { dataSourceOptions, ensureDatabase } from '@crm/persistence';
import { createRootLogger, PinoNestLogger } from '@crm/runtime';
import { CreateOutboundCredential1763880000000, OutboundCredentialEntity, OutboundCredentialStore, SecretBox } from '@crm/security';
import { BrokerCallerChangeNotifier } from '../caller/caller-events.js';
import { CallerService } from '../caller/caller.service.js';
import { AUTH_ENTITIES, AUTH_MIGRATIONS } from '../database/auth.database.js';
import { EmployeeService } from '../employee/employee.service.js';

/**
 * Connections the admin CLI opens lazily: auth's database (migrated, as the app would), any app's
 * database for its outbound credentials, and the broker to announce caller changes.
 */
export class CliContext {
  private readonly sources = new Map<AppName, DataSource>();
  private broker?: BrokerConnection;
  readonly box: SecretBox;

  constructor(readonly config: CrmConfig) {
    this.box = new SecretBox(config.masterKeys.current, config.masterKeys.previous);
    // stdout carries only the command's JSON result; logs go to stderr.
    Logger.overrideLogger(new PinoNestLogger(createRootLogger('cli', config.logLevel === 'info' ? 'warn' : config.logLevel, 2)));
  }

  async dataSource(app: AppName): Promise<DataSource> {
    let ds = this.sources.get(app);
    if (!ds) {
      const target = { databaseUrl: this.config.databaseUrl, database: names.database(this.config.namespace, app) };
      await ensureDatabase(target);
      const entities = app === 'auth' ? [...AUTH_ENTITIES, OutboundCredentialEntity] : [OutboundCredentialEntity];
      const migrations = app === 'auth' ? [CreateOutboundCredential1763880000000, ...AUTH_MIGRATIONS] : [CreateOutboundCredential1763880000000];
      ds = new DataSource({ ...dataSourceOptions(target, entities, migrations, 2), logging: ['migration'] });
      await ds.initialize();
      await ds.runMigrations({ transaction: 'each' });
      this.sources.set(app, ds);
    }
    return ds;
  }

  async credentials(app: AppName): Promise<OutboundCredentialStore> {
    return new OutboundCredentialStore(await this.dataSource(app), this.box, app, 0);
  }

  async callers(): Promise<CallerService> {
    if (!this.broker) {
      this.broker = new BrokerConnection({
        amqpUrl: this.config.amqpUrl,
        namespace: this.config.namespace,
        queueType: this.config.queueType,
        connectionName: `${this.config.namespace}.cli`,
      });
      await this.broker.waitReady(15_000);
    }
    return new CallerService(await this.dataSource('auth'), this.config.callerPolicy, new BrokerCallerChangeNotifier(new EventPublisher(this.broker, 10_000)));
  }

  async employees(): Promise<EmployeeService> {
    return new EmployeeService(await this.dataSource('auth'));
  }

  async close(): Promise<void> {
    for (const ds of this.sources.values()) await ds.destroy().catch(() => undefined);
    await this.broker?.close();
  }
}
