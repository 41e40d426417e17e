import { Logger } from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { CALLER_CHANGED_V1, EMPLOYEE_SESSIONS_REVOKED_V1, names } from '@crm/contracts';
import type { BrokerConnection } from '@crm/messaging';
import type { ActorVerifier } from './actor-verifier.js';
import type { CredentialCache } from './credential-cache.js';

/**
 * Each process binds its own exclusive queue to `auth.caller.changed.v1` and
 * `auth.employee.sessions-revoked.v1` and forgets the caller or employee at once. After any
 * reconnect it clears both caches, since announcements may have been missed.
 */
export class CacheInvalidationListener {
  private readonly log = new Logger('CacheInvalidation');
  private readonly channel: ChannelWrapper;

  constructor(broker: BrokerConnection, cache: CredentialCache, actors: ActorVerifier) {
    const exchange = names.eventsExchange(broker.settings.namespace);
    this.channel = broker.manager.createChannel({
      json: false,
      setup: async (ch: ConfirmChannel) => {
        cache.clear();
        actors.clear();
        const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
        await ch.bindQueue(queue, exchange, CALLER_CHANGED_V1);
        await ch.bindQueue(queue, exchange, EMPLOYEE_SESSIONS_REVOKED_V1);
        await ch.consume(
          queue,
          (msg: ConsumeMessage | null) => {
            if (!msg) return;
            try {
              const data = (JSON.parse(msg.content.toString('utf8')) as { data?: { caller?: unknown; employeeId?: unknown } }).data;
              if (msg.fields.routingKey === EMPLOYEE_SESSIONS_REVOKED_V1) {
                if (typeof data?.employeeId === 'string') actors.forget(data.employeeId);
                else actors.clear();
              } else if (typeof data?.caller === 'string') cache.forget(data.caller);
              else cache.clear();
            } catch {
              cache.clear();
              actors.clear();
            }
          },
          { noAck: true },
        );
      },
    });
    broker.onDisconnect(() => {
      this.log.warn('credential and actor caches cleared: broker link lost');
      cache.clear();
      actors.clear();
    });
  }

  ready(): Promise<void> {
    return this.channel.waitForConnect();
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}
