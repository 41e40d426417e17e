import { Logger } from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { CALLER_CHANGED_V1, names } from '@crm/contracts';
import type { BrokerConnection } from '@crm/messaging';
import type { CredentialCache } from './credential-cache.js';

/**
 * Each process binds its own exclusive queue to `auth.caller.changed.v1` and forgets the caller at
 * once. After any reconnect it clears the whole cache, since announcements may have been missed.
 */
export class CacheInvalidationListener {
  private readonly log = new Logger('CacheInvalidation');
  private readonly channel: ChannelWrapper;

  constructor(broker: BrokerConnection, cache: CredentialCache) {
    const exchange = names.eventsExchange(broker.settings.namespace);
    this.channel = broker.manager.createChannel({
      json: false,
      setup: async (ch: ConfirmChannel) => {
        cache.clear();
        const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
        await ch.bindQueue(queue, exchange, CALLER_CHANGED_V1);
        await ch.consume(
          queue,
          (msg: ConsumeMessage | null) => {
            if (!msg) return;
            try {
              const name = (JSON.parse(msg.content.toString('utf8')) as { data?: { caller?: unknown } }).data?.caller;
              if (typeof name === 'string') cache.forget(name);
              else cache.clear();
            } catch {
              cache.clear();
            }
          },
          { noAck: true },
        );
      },
    });
    broker.onDisconnect(() => {
      this.log.warn('credential cache cleared: broker link lost');
      cache.clear();
    });
  }

  ready(): Promise<void> {
    return this.channel.waitForConnect();
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}
