import { DataSource } from 'typeorm';
import { Logger } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { names, type AppName } from '@crm/contracts';
import { BrokerConnection, EventPublisher } from '@crm/messaging';
import { ChangeRecorder, OutboxRelay, OutboxWriter } from '@crm/outbox';
import { dataSourceOptions, ensureDatabase, ListCursorCodec } from '@crm/persistence';
import { createRootLogger, PinoNestLogger } from '@crm/runtime';
import {
  CreateOutboundCredential1763880000000,
  EventMac,
  OutboundCredentialEntity,
  OutboundCredentialStore,
  SecretBox,
} from '@crm/security';
import type { AuthConfig } from '../auth.config.js';
import { CallerService } from '../caller/caller.service.js';
import { AUTH_ENTITIES, AUTH_MIGRATIONS } from '../database/auth.database.js';
import { EmployeeLifecycleService } from '../employee/employee-lifecycle.service.js';
import { EmployeeQueryService } from '../employee/employee-query.service.js';
import { EmployeeService } from '../employee/employee.service.js';
import { AccessReviewService } from '../review/access-review.service.js';
import { EmployeeRoles } from '../role/employee-roles.js';
import { RoleService } from '../role/role.service.js';
import { SessionRevoker } from '../session/session-revoker.js';

/**
 * Connections auth's operator commands open lazily (in the child process the admin CLI starts):
 * auth's database (migrated, as the app would), any app's database for its outbound credentials
 * (system bootstrap), and the broker to send what they wrote. Operation-log entries and the
 * announcements of caller and session changes the CLI writes go through auth's outbox, in the
 * change's transaction; `close()` sends them (what it cannot send, the running auth app's relay
 * sends: a broker outage delays an announcement, never loses it).
 */
export class OperatorContext {
  private readonly sources = new Map<AppName, DataSource>();
  private broker?: BrokerConnection;
  private publisher?: EventPublisher;
  readonly box: SecretBox;
  private readonly log = new Logger('OperatorContext');

  constructor(
    readonly config: CrmConfig,
    readonly auth: AuthConfig,
  ) {
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
      const migrations =
        app === 'auth' ? [CreateOutboundCredential1763880000000, ...AUTH_MIGRATIONS] : [CreateOutboundCredential1763880000000];
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

  async events(): Promise<EventPublisher> {
    if (!this.publisher) {
      this.broker = new BrokerConnection({
        amqpUrls: this.config.amqpUrls,
        namespace: this.config.namespace,
        queueType: this.config.queueType,
        deadQueueBounds: this.config.messaging.deadQueue,
        connectionName: `${this.config.namespace}.cli`,
        sealer: new EventMac(this.config.namespace, this.config.masterKeys),
      });
      await this.broker.waitReady(15_000);
      this.publisher = new EventPublisher(this.broker, 10_000);
    }
    return this.publisher;
  }

  async changes(): Promise<ChangeRecorder> {
    return new ChangeRecorder('auth', new OutboxWriter(), await this.dataSource('auth'));
  }

  async callers(): Promise<CallerService> {
    return new CallerService(await this.dataSource('auth'), this.auth.callerPolicy, await this.changes(), new OutboxWriter());
  }

  async employees(): Promise<EmployeeService> {
    return new EmployeeService(await this.dataSource('auth'));
  }

  async employeeQueries(): Promise<EmployeeQueryService> {
    const ds = await this.dataSource('auth');
    return new EmployeeQueryService(
      ds,
      new EmployeeRoles(ds),
      ListCursorCodec.fromMasterKeys(this.config.namespace, this.config.masterKeys),
    );
  }

  async lifecycle(): Promise<EmployeeLifecycleService> {
    const ds = await this.dataSource('auth');
    return new EmployeeLifecycleService(
      ds,
      await this.changes(),
      new EmployeeRoles(ds),
      new SessionRevoker(ds, new OutboxWriter()),
      this.auth,
    );
  }

  async roles(): Promise<RoleService> {
    const ds = await this.dataSource('auth');
    return new RoleService(ds, await this.changes(), new EmployeeRoles(ds), new SessionRevoker(ds, new OutboxWriter()));
  }

  async reviews(): Promise<AccessReviewService> {
    const ds = await this.dataSource('auth');
    const roles = new EmployeeRoles(ds);
    const sessions = new SessionRevoker(ds, new OutboxWriter());
    return new AccessReviewService(
      ds,
      await this.changes(),
      new OutboxWriter(),
      roles,
      await this.roles(),
      await this.lifecycle(),
      sessions,
      this.auth,
    );
  }

  async close(): Promise<void> {
    await this.flushOutbox();
    for (const ds of this.sources.values()) await ds.destroy().catch(() => undefined);
    await this.broker?.close();
  }

  /** Sends what this run wrote to the outbox; failures are left to the auth app's relay. */
  private async flushOutbox(): Promise<void> {
    const ds = this.sources.get('auth');
    if (!ds) return;
    try {
      const pending: unknown[] = await ds.query('SELECT 1 FROM outbox_message LIMIT 1');
      if (pending.length === 0) return;
      await new OutboxRelay(ds, await this.events()).drain();
    } catch (error) {
      this.log.warn({ msg: 'operation log entries left for the auth app to send', err: (error as Error).message });
    }
  }
}
