import { Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Counter, register } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { names, type AppName } from '@crm/contracts';
import { BrokerConnection, QueueConsumer } from '@crm/messaging';
import { APP_NAME, CRM_CONFIG } from '@crm/runtime';
import { EventMac } from '@crm/security';
import { InboxConsumer, type InboxOutcome } from './inbox-consumer.js';
import { inboxRoutes } from './inbox-routes.js';

export interface InboxFeatureOptions {
  /** The subscription's purpose in `INBOX_SUBSCRIPTIONS`; names the queue `<ns>.<app>.in.<purpose>`. */
  purpose: string;
  /** Providers of the feature (listed in its own module) whose methods carry `@InboxHandler`. */
  handlers: Type<object>[];
  /** Deliveries held per replica; bounds what waits while the database is down. */
  prefetch?: number;
}

export const INBOX_DEFAULT_PREFETCH = 16;

function inboxCounter(): Counter<'purpose' | 'pattern' | 'result'> {
  return ((register.getSingleMetric('crm_inbox_events_total') as Counter<'purpose' | 'pattern' | 'result'> | undefined) ??
    new Counter({
      name: 'crm_inbox_events_total',
      help: 'Consumed events by inbox purpose, pattern and result (applied, duplicate, refused, failed)',
      labelNames: ['purpose', 'pattern', 'result'],
    })) as Counter<'purpose' | 'pattern' | 'result'>;
}

/** One running inbox: started after the app's migrations ran, stopped before the broker closes. */
class InboxFeature implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: QueueConsumer | null = null;

  constructor(
    private readonly o: InboxFeatureOptions,
    private readonly app: AppName,
    private readonly broker: BrokerConnection,
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly mac: EventMac,
  ) {}

  onApplicationBootstrap(): void {
    const { purpose, handlers, prefetch } = this.o;
    const ns = this.broker.settings.namespace;
    const routes = inboxRoutes(
      this.app,
      purpose,
      handlers.map((h) => this.moduleRef.get(h, { strict: false })),
    );
    const counter = inboxCounter();
    const sink = new InboxConsumer(
      this.dataSource,
      purpose,
      names.inboxDeadQueue(ns, this.app, purpose),
      routes,
      (result: InboxOutcome, pattern: string) => counter.inc({ purpose, pattern, result }),
      { verifier: this.mac },
    );
    this.consumer = new QueueConsumer(this.broker, {
      queue: names.inboxQueue(ns, this.app, purpose),
      prefetch: prefetch ?? INBOX_DEFAULT_PREFETCH,
      label: `inbox ${purpose}`,
      sink,
    });
    this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}

/**
 * Consuming another app's events (SPEC §6.0 cross-app flows). A feature module imports
 * `InboxModule.forFeature({ purpose, handlers })`, lists the handler classes in its own providers,
 * declares the subscription in `INBOX_SUBSCRIPTIONS`, and lists `Inbox1763882000000` in the app's
 * migrations. Replicas compete for the queue; the inbox table keeps each event applied once.
 */
@Module({})
export class InboxModule {
  static forFeature(o: InboxFeatureOptions): DynamicModule {
    return {
      module: InboxModule,
      providers: [
        {
          provide: `crm:inbox:${o.purpose}`,
          useFactory: (app: AppName, broker: BrokerConnection, ds: DataSource, ref: ModuleRef, config: CrmConfig) =>
            new InboxFeature(o, app, broker, ds, ref, new EventMac(config.namespace, config.masterKeys)),
          inject: [APP_NAME, BrokerConnection, getDataSourceToken(), ModuleRef, CRM_CONFIG],
        },
      ],
    };
  }
}
