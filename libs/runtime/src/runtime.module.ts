import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown, type Provider, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, ModuleRef } from '@nestjs/core';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { names, type AppName } from '@crm/contracts';
import { BrokerConnection, EventPublisher, OutboundClient } from '@crm/messaging';
import { dataSourceOptions, ensureDatabase, ListCursorCodec, runPendingMigrations } from '@crm/persistence';
import {
  accessTokenKey,
  ActorDirectory,
  ActorVerifier,
  CacheInvalidationListener,
  CallerDirectory,
  CallerGuard,
  CallerVerifier,
  CreateOutboundCredential1763880000000,
  CredentialCache,
  EventMac,
  OutboundCredentialEntity,
  OutboundCredentialStore,
  RemoteActorDirectory,
  RemoteCallerDirectory,
  SecretBox,
} from '@crm/security';
import { shutdownTracing } from '@crm/tracing';
import { HealthController } from './health.controller.js';
import { APP_NAME, CRM_CONFIG } from './tokens.js';
import { CrmExceptionFilter } from './crm-exception.filter.js';
import { createValidationPipe } from './validation.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = Array<Function | string | EntitySchema>;

export interface RuntimeOptions {
  app: AppName;
  config: CrmConfig;
  /** The app's own validated part of the configuration and its DI token (e.g. `AUDIT_CONFIG`), provided app-wide like `CRM_CONFIG`. */
  appConfig?: { token: symbol; value: unknown };
  entities: ClassList;
  migrations: ClassList;
  /**
   * Where credentials are checked on a cache miss; defaults to asking `auth` over the broker.
   * The class must be provided by one of the app's feature modules.
   */
  callerDirectory?: Type<CallerDirectory>;
  /** Where employees' live session state comes from; defaults to asking `auth` over the broker. */
  actorDirectory?: Type<ActorDirectory>;
}

/** An app's tables: its entities and the migrations that create them, the outbound credentials' included. */
export interface AppSchema {
  entities: ClassList;
  migrations: ClassList;
}

/** The schema each `forApp` module was built with, read by the migrate command (`migrateApp`, through `RuntimeModule.schemaOf`). */
const schemas = new WeakMap<DynamicModule, AppSchema>();

function lazyDirectory(resolve: () => CallerDirectory): CallerDirectory {
  let target: CallerDirectory | undefined;
  return { verify: (name, password, source) => (target ??= resolve()).verify(name, password, source) };
}

function lazyActorDirectory(resolve: () => ActorDirectory): ActorDirectory {
  let target: ActorDirectory | undefined;
  return { session: (employeeId) => (target ??= resolve()).session(employeeId) };
}

class RuntimeShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(BrokerConnection) private readonly broker: BrokerConnection,
    @Inject(OutboundClient) private readonly client: OutboundClient,
    @Inject(CacheInvalidationListener) private readonly invalidation: CacheInvalidationListener,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.invalidation.close().catch(() => undefined);
    await this.client.close();
    await this.broker.close();
    await shutdownTracing();
  }
}

/**
 * What every app needs, wired once: config, its database (created, migrated), the broker client
 * connection, event publishing, outbound calls, the secret box, and the shared caller guard.
 */
@Global()
@Module({})
export class RuntimeModule {
  static forApp(o: RuntimeOptions): DynamicModule {
    const { config, app } = o;
    const providers: Provider[] = [
      { provide: CRM_CONFIG, useValue: config },
      ...(o.appConfig ? [{ provide: o.appConfig.token, useValue: o.appConfig.value }] : []),
      { provide: APP_NAME, useValue: app },
      {
        provide: BrokerConnection,
        useFactory: async () => {
          const broker = new BrokerConnection({
            amqpUrls: config.amqpUrls,
            namespace: config.namespace,
            queueType: config.queueType,
            deadQueueBounds: config.messaging.deadQueue,
            connectionName: `${config.namespace}.${app}.client`,
            sealer: new EventMac(config.namespace, config.masterKeys),
          });
          await broker.waitReady(60_000);
          return broker;
        },
      },
      { provide: EventPublisher, useFactory: (b: BrokerConnection) => new EventPublisher(b), inject: [BrokerConnection] },
      {
        provide: OutboundClient,
        useFactory: (b: BrokerConnection, e: EventPublisher) => new OutboundClient(b, e, app, config.outboundTimeoutMs),
        inject: [BrokerConnection, EventPublisher],
      },
      { provide: SecretBox, useValue: new SecretBox(config.masterKeys.current, config.masterKeys.previous) },
      { provide: ListCursorCodec, useValue: ListCursorCodec.fromMasterKeys(config.namespace, config.masterKeys) },
      {
        provide: OutboundCredentialStore,
        useFactory: (ds: DataSource, box: SecretBox) => new OutboundCredentialStore(ds, box, app),
        inject: [getDataSourceToken(), SecretBox],
      },
      { provide: CredentialCache, useValue: new CredentialCache(config.callerCacheTtlMs) },
      o.actorDirectory
        ? {
            provide: ActorDirectory,
            useFactory: (ref: ModuleRef) => lazyActorDirectory(() => ref.get(o.actorDirectory as Type<ActorDirectory>, { strict: false })),
            inject: [ModuleRef],
          }
        : {
            provide: ActorDirectory,
            useFactory: (client: OutboundClient, store: OutboundCredentialStore) =>
              new RemoteActorDirectory(client, store, config.namespace),
            inject: [OutboundClient, OutboundCredentialStore],
          },
      {
        provide: ActorVerifier,
        useFactory: (dir: ActorDirectory) => new ActorVerifier(accessTokenKey(config), dir, config.actorCacheTtlMs),
        inject: [ActorDirectory],
      },
      {
        provide: CacheInvalidationListener,
        useFactory: async (b: BrokerConnection, c: CredentialCache, a: ActorVerifier) => {
          const l = new CacheInvalidationListener(b, c, a);
          await l.ready();
          return l;
        },
        inject: [BrokerConnection, CredentialCache, ActorVerifier],
      },
      o.callerDirectory
        ? {
            // Resolved on first use: the directory lives in an app feature module that itself needs this module.
            provide: CallerDirectory,
            useFactory: (ref: ModuleRef) => lazyDirectory(() => ref.get(o.callerDirectory as Type<CallerDirectory>, { strict: false })),
            inject: [ModuleRef],
          }
        : {
            provide: CallerDirectory,
            useFactory: (client: OutboundClient, store: OutboundCredentialStore) =>
              new RemoteCallerDirectory(client, store, config.namespace),
            inject: [OutboundClient, OutboundCredentialStore],
          },
      {
        provide: CallerVerifier,
        useFactory: (cache: CredentialCache, dir: CallerDirectory) => new CallerVerifier(cache, dir),
        inject: [CredentialCache, CallerDirectory],
      },
      { provide: APP_GUARD, useClass: CallerGuard },
      { provide: APP_PIPE, useFactory: createValidationPipe },
      { provide: APP_FILTER, useClass: CrmExceptionFilter },
      RuntimeShutdown,
    ];
    const target = { databaseUrl: config.databaseUrl, database: names.database(config.namespace, app) };
    const schema: AppSchema = {
      entities: [...o.entities, OutboundCredentialEntity],
      migrations: [CreateOutboundCredential1763880000000, ...o.migrations],
    };
    const module: DynamicModule = {
      module: RuntimeModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            await ensureDatabase(target);
            return {
              ...dataSourceOptions(target, schema.entities as MixedList<string>, schema.migrations as MixedList<string>, config.dbPoolSize),
              // Run below, only when some are pending: the app's own account may read but not change the schema.
              migrationsRun: false,
              retryAttempts: 3,
              retryDelay: 2000,
            };
          },
          dataSourceFactory: async (options) => {
            const ds = await new DataSource(options as DataSourceOptions).initialize();
            try {
              await runPendingMigrations(ds, app);
            } catch (error) {
              await ds.destroy().catch(() => undefined);
              throw error;
            }
            return ds;
          },
        }),
      ],
      controllers: [HealthController],
      providers,
      exports: providers.filter(
        (p) => !(typeof p === 'object' && 'provide' in p && ([APP_GUARD, APP_PIPE, APP_FILTER] as unknown[]).includes(p.provide)),
      ),
    };
    schemas.set(module, schema);
    return module;
  }

  /** The schema of the `forApp` module among an app module's imports (null when it has none). */
  static schemaOf(appModule: DynamicModule): AppSchema | null {
    for (const m of appModule.imports ?? []) {
      const found = schemas.get(m as DynamicModule);
      if (found) return found;
    }
    return null;
  }
}
