import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventPublisher } from '@crm/messaging';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxWriter } from './outbox-writer.js';

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
 * `OutboxWriter` and a running `OutboxRelay` for an app whose RuntimeModule provides the data
 * source and the EventPublisher. Also list `OutboxMessageEntity` and `OutboxMessage1763881000000`
 * in the app's entities and migrations.
 */
@Module({
  providers: [
    OutboxWriter,
    { provide: OutboxRelay, useFactory: (ds: DataSource, events: EventPublisher) => new OutboxRelay(ds, events), inject: [getDataSourceToken(), EventPublisher] },
    OutboxLifecycle,
  ],
  exports: [OutboxWriter, OutboxRelay],
})
export class OutboxModule {}
