import type { Channel, Options } from 'amqplib';
import { ALERT_FEED_PATTERNS, APP_NAMES, CALL_RECORDED_V1, INBOX_SUBSCRIPTIONS, names, OPERATION_RECORDED_V1, type AppName } from '@crm/contracts';

export type QueueType = 'classic' | 'quorum';

/**
 * Arguments of every durable work queue: dead-lettering through `<ns>.dlx` with the given routing
 * key, and quorum settings when clustered. Server and clients must declare a queue with identical
 * arguments (RabbitMQ answers 406 otherwise), so they all come from here.
 */
function durableQueueOptions(ns: string, queueType: QueueType, deadLetterRoutingKey: string): Options.AssertQueue {
  return {
    durable: true,
    arguments: {
      'x-dead-letter-exchange': names.deadLetterExchange(ns),
      'x-dead-letter-routing-key': deadLetterRoutingKey,
      ...(queueType === 'quorum' ? { 'x-queue-type': 'quorum', 'x-delivery-limit': 20 } : {}),
    },
  };
}

export function requestQueueOptions(ns: string, app: AppName, queueType: QueueType): Options.AssertQueue {
  return durableQueueOptions(ns, queueType, names.requestQueue(ns, app));
}

/** Rejected call and operation events go to the audit dead queue. */
export function auditCallQueueOptions(ns: string, queueType: QueueType): Options.AssertQueue {
  return durableQueueOptions(ns, queueType, names.requestQueue(ns, 'audit'));
}

export function auditOperationQueueOptions(ns: string, queueType: QueueType): Options.AssertQueue {
  return durableQueueOptions(ns, queueType, names.requestQueue(ns, 'audit'));
}

/**
 * The alert feed dead-letters to a queue of its own: it reads copies of call events, and a bad
 * event is already kept once in `<ns>.audit.dead` by the call-log ingest.
 */
export function auditAlertFeedQueueOptions(ns: string, queueType: QueueType): Options.AssertQueue {
  return durableQueueOptions(ns, queueType, names.auditAlertFeedQueue(ns));
}

/** An inbox queue dead-letters to a dead queue of its own (`<queue>.dead`, key = the queue's name). */
export function inboxQueueOptions(ns: string, queueType: QueueType, queue: string): Options.AssertQueue {
  return durableQueueOptions(ns, queueType, queue);
}

/** Refused events kept for an operator; bounded, the oldest go first when it is full. */
export const INBOX_DEAD_QUEUE_MAX_LENGTH = 10_000;

export function inboxDeadQueueOptions(queueType: QueueType): Options.AssertQueue {
  return {
    durable: true,
    arguments: { 'x-max-length': INBOX_DEAD_QUEUE_MAX_LENGTH, 'x-overflow': 'drop-head', ...(queueType === 'quorum' ? { 'x-queue-type': 'quorum' } : {}) },
  };
}

/** What the alert rules read: every call event plus the events that are alerts in themselves. */
export const ALERT_FEED_BINDINGS: readonly string[] = [CALL_RECORDED_V1, ...Object.values(ALERT_FEED_PATTERNS)];

/**
 * Declares the whole topology of SPEC §2 (idempotent). Every app runs it at boot, so no publish is
 * silently dropped as unroutable because the consuming app has not started yet.
 */
export async function assertTopology(channel: Channel, ns: string, queueType: QueueType): Promise<void> {
  const dlx = names.deadLetterExchange(ns);
  const events = names.eventsExchange(ns);
  await channel.assertExchange(events, 'topic', { durable: true });
  await channel.assertExchange(dlx, 'direct', { durable: true });
  for (const app of APP_NAMES) {
    await channel.assertQueue(names.requestQueue(ns, app), requestQueueOptions(ns, app, queueType));
    const dead = names.deadQueue(ns, app);
    await channel.assertQueue(dead, { durable: true, ...(queueType === 'quorum' ? { arguments: { 'x-queue-type': 'quorum' } } : {}) });
    await channel.bindQueue(dead, dlx, names.requestQueue(ns, app));
  }
  const auditCalls = names.auditCallQueue(ns);
  await channel.assertQueue(auditCalls, auditCallQueueOptions(ns, queueType));
  await channel.bindQueue(auditCalls, events, CALL_RECORDED_V1);
  const auditOperations = names.auditOperationQueue(ns);
  await channel.assertQueue(auditOperations, auditOperationQueueOptions(ns, queueType));
  await channel.bindQueue(auditOperations, events, OPERATION_RECORDED_V1);
  const alertFeed = names.auditAlertFeedQueue(ns);
  await channel.assertQueue(alertFeed, auditAlertFeedQueueOptions(ns, queueType));
  for (const key of ALERT_FEED_BINDINGS) await channel.bindQueue(alertFeed, events, key);
  const alertFeedDead = names.auditAlertFeedDeadQueue(ns);
  await channel.assertQueue(alertFeedDead, { durable: true, ...(queueType === 'quorum' ? { arguments: { 'x-queue-type': 'quorum' } } : {}) });
  await channel.bindQueue(alertFeedDead, dlx, alertFeed);
  for (const { app, purpose, patterns } of INBOX_SUBSCRIPTIONS) {
    const queue = names.inboxQueue(ns, app, purpose);
    const dead = names.inboxDeadQueue(ns, app, purpose);
    await channel.assertQueue(dead, inboxDeadQueueOptions(queueType));
    await channel.bindQueue(dead, dlx, queue);
    await channel.assertQueue(queue, inboxQueueOptions(ns, queueType, queue));
    for (const pattern of patterns) await channel.bindQueue(queue, events, pattern);
  }
}

/** Every queue and exchange of a namespace, for tests and `cli namespace purge`. */
export function topologyNames(ns: string): { queues: string[]; exchanges: string[] } {
  const queues = APP_NAMES.flatMap((a) => [names.requestQueue(ns, a), names.deadQueue(ns, a)]);
  queues.push(names.auditCallQueue(ns), names.auditOperationQueue(ns), names.auditAlertFeedQueue(ns), names.auditAlertFeedDeadQueue(ns));
  for (const { app, purpose } of INBOX_SUBSCRIPTIONS) queues.push(names.inboxQueue(ns, app, purpose), names.inboxDeadQueue(ns, app, purpose));
  return { queues, exchanges: [names.eventsExchange(ns), names.deadLetterExchange(ns)] };
}
