import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { EOMS_TARGET, isAppName, names, type AppName } from '@crm/contracts';
import { EventPublisher, OutboundClient } from '@crm/messaging';
import { APP_NAME, CRM_CONFIG } from '@crm/runtime';
import { OutboundCredentialStore } from '@crm/security';
import { ChangeRecorder } from './change-recorder.js';
import { OutboxMessageEntity } from './outbox-message.entity.js';
import { OutboxMessage1763881000000 } from './outbox-message.migration.js';
import { OutboxStreams1764400000000 } from './outbox-streams.migration.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxWriter } from './outbox-writer.js';

/** List these in the app's entities and migrations (`RuntimeModule.forApp`). */
export const OUTBOX_ENTITIES = [OutboxMessageEntity];
export const OUTBOX_MIGRATIONS = [OutboxMessage1763881000000, OutboxStreams1764400000000];

/** Where a call target listens: EOMS on its configured queue, a CRM app on its request queue. */
export function targetQueue(config: CrmConfig, target: string): string {
  if (target === EOMS_TARGET) return config.eomsQueue;
  if (isAppName(target)) return names.requestQueue(config.namespace, target);
  throw new Error(`unknown call target ${target}`);
}

class OutboxLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(OutboxRelay) private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}

/**
 * `OutboxWriter`, `ChangeRecorder` (for this app, by `APP_NAME`) and one running `OutboxRelay`
 * for an app whose RuntimeModule provides the data source, the EventPublisher, the OutboundClient
 * and the outbound credentials. Also list `OUTBOX_ENTITIES` and `OUTBOX_MIGRATIONS` in the app's
 * entities and migrations.
 */
@Module({
  providers: [
    OutboxWriter,
    {
      provide: OutboxRelay,
      useFactory: (
        ds: DataSource,
        events: EventPublisher,
        client: OutboundClient,
        credentials: OutboundCredentialStore,
        config: CrmConfig,
      ) =>
        new OutboxRelay(
          ds,
          events,
          { drains: config.outboxDrains, direct: true },
          { client, credentials, queueOf: (target) => targetQueue(config, target), timeoutMs: config.outboundTimeoutMs },
        ),
      inject: [getDataSourceToken(), EventPublisher, OutboundClient, OutboundCredentialStore, CRM_CONFIG],
    },
    {
      provide: ChangeRecorder,
      useFactory: (app: AppName, writer: OutboxWriter, ds: DataSource) => new ChangeRecorder(app, writer, ds),
      inject: [APP_NAME, OutboxWriter, getDataSourceToken()],
    },
    OutboxLifecycle,
  ],
  exports: [OutboxWriter, OutboxRelay, ChangeRecorder],
})
export class OutboxModule {}
