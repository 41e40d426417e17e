import { Logger } from '@nestjs/common';
import type { Channel, Options } from 'amqplib';
import {
  ALERT_FEED_PATTERNS,
  APP_NAMES,
  CALL_RECORDED_V1,
  INBOX_SUBSCRIPTIONS,
  names,
  OPERATION_RECORDED_V1,
  type AppName,
} from '@crm/contracts';

export type QueueType = 'classic' | 'quorum';

/**
 * Arguments of every durable work queue: dead-lettering through `<ns>.dlx` with the given routing
 * key, and quorum settings when clustered. Server and clients must declare a queue with identical
 * arguments (RabbitMQ answers 406 otherwise), so they all come from here.
 */
/**
 * Quorum queues dead-letter a message delivered this often unsettled. The request server gives up
 * earlier (DELIVERY_LIMIT, delivery-count.ts) so that it records the call; this bound is the
 * broker's backstop, and the only one of the audit and inbox queues.
 */
const QUORUM_DELIVERY_LIMIT = 20;

function durableQueueOptions(ns: string, queueType: QueueType, deadLetterRoutingKey: string): Options.AssertQueue {
  return {
    durable: true,
    arguments: {
      'x-dead-letter-exchange': names.deadLetterExchange(ns),
      'x-dead-letter-routing-key': deadLetterRoutingKey,
      ...(queueType === 'quorum' ? { 'x-queue-type': 'quorum', 'x-delivery-limit': QUORUM_DELIVERY_LIMIT } : {}),
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

/**
 * The events that are alerts in themselves. Calls are not among them: the alert rules read those
 * from the call log (audit's CallLogAlertTail), so the broker carries one copy of each call event.
 */
export const ALERT_FEED_BINDINGS: readonly string[] = Object.values(ALERT_FEED_PATTERNS);

/** Length bounds of every dead-letter queue (DEAD_QUEUE_MAX_MESSAGES, DEAD_QUEUE_MAX_BYTES). */
export interface DeadQueueBounds {
  maxMessages: number;
  maxBytes: number;
}

/**
 * A dead-letter queue holds copies: every dead-lettered call is already in the audit call log
 * (its event is confirmed before the nack). Bounded so a flood of junk cannot fill the broker's
 * disk; `reject-publish` (supported by classic and quorum queues) keeps what is there and drops
 * newcomers while full, so a flood cannot evict the failed one-way calls an operator has not
 * replayed yet, and the first messages of an incident (its cause) stay. The dead-letters alert in
 * audit says when a queue fills.
 */
export function deadQueueOptions(queueType: QueueType, bounds: DeadQueueBounds): Options.AssertQueue {
  return {
    durable: true,
    arguments: {
      ...(queueType === 'quorum' ? { 'x-queue-type': 'quorum' } : {}),
      'x-max-length': bounds.maxMessages,
      'x-max-length-bytes': bounds.maxBytes,
      'x-overflow': 'reject-publish',
    },
  };
}

/** Every dead-letter queue of a namespace with the routing key it is bound to on `<ns>.dlx`. */
export function deadQueues(ns: string): Array<{ queue: string; routingKey: string }> {
  return [
    ...APP_NAMES.map((app) => ({ queue: names.deadQueue(ns, app), routingKey: names.requestQueue(ns, app) })),
    { queue: names.auditAlertFeedDeadQueue(ns), routingKey: names.auditAlertFeedQueue(ns) },
    // An inbox queue dead-letters to a queue of its own (`<queue>.dead`, key = the queue's name).
    ...INBOX_SUBSCRIPTIONS.map(({ app, purpose }) => ({
      queue: names.inboxDeadQueue(ns, app, purpose),
      routingKey: names.inboxQueue(ns, app, purpose),
    })),
  ];
}

/** Opens a short-lived channel (an `amqplib` ChannelModel): a refused declaration closes its channel. */
export interface ChannelOpener {
  createChannel(): Promise<Channel>;
}

const log = new Logger('Topology');
/** Warn once per process and queue, not at every reconnect. */
const warnedUnbounded = new Set<string>();

function isPreconditionFailed(error: unknown): boolean {
  return (error as { code?: unknown }).code === 406;
}

async function openScratch(opener: ChannelOpener): Promise<Channel> {
  const ch = await opener.createChannel();
  ch.on('error', () => undefined); // a refused declaration is an answer here, not a crash
  return ch;
}

async function withScratch<T>(opener: ChannelOpener, work: (ch: Channel) => Promise<T>): Promise<T> {
  const ch = await openScratch(opener);
  try {
    return await work(ch);
  } finally {
    await ch.close().catch(() => undefined);
  }
}

/**
 * Declares the dead queues with their bounds on a channel of their own. A queue an older version
 * declared without them (or with other bounds) makes RabbitMQ refuse the declaration (406
 * PRECONDITION_FAILED, which closes the channel) and would otherwise stop the app at every start.
 * Then: an empty queue is replaced at once (`ifEmpty` delete, classic queues); a queue holding
 * messages, or a quorum queue (no `ifEmpty` there), is kept as it is and a warning names the
 * policy that bounds it in place (docs/wire-contract.md, "Dead-letter queues"). The app runs
 * either way.
 */
async function assertDeadQueues(
  opener: ChannelOpener,
  queues: readonly string[],
  options: Options.AssertQueue,
  queueType: QueueType,
): Promise<void> {
  let ch = await openScratch(opener);
  try {
    for (const queue of queues) {
      try {
        await ch.assertQueue(queue, options);
      } catch (error) {
        if (!isPreconditionFailed(error)) throw error;
        await replaceOrKeep(opener, queue, options, queueType);
        ch = await openScratch(opener);
      }
    }
  } finally {
    await ch.close().catch(() => undefined);
  }
}

async function replaceOrKeep(opener: ChannelOpener, queue: string, options: Options.AssertQueue, queueType: QueueType): Promise<void> {
  if (queueType === 'classic') {
    try {
      await withScratch(opener, async (ch) => {
        await ch.deleteQueue(queue, { ifEmpty: true });
        await ch.assertQueue(queue, options);
      });
      log.log({ msg: 'dead-letter queue redeclared with its length bounds', queue });
      return;
    } catch (error) {
      if (!isPreconditionFailed(error)) throw error;
    }
  }
  await withScratch(opener, (ch) => ch.checkQueue(queue)); // it exists, with other arguments
  if (!warnedUnbounded.has(queue)) {
    warnedUnbounded.add(queue);
    log.warn({
      msg: 'dead-letter queue has no length bound from this version (declared by an older one); bound it with a policy, see docs/wire-contract.md',
      queue,
    });
  }
}

/**
 * Declares the whole topology of SPEC §2 (idempotent). Every app runs it at boot, so no publish is
 * silently dropped as unroutable because the consuming app has not started yet.
 */
export async function assertTopology(
  channel: Channel,
  ns: string,
  queueType: QueueType,
  bounds: DeadQueueBounds,
  opener: ChannelOpener,
): Promise<void> {
  const dlx = names.deadLetterExchange(ns);
  const events = names.eventsExchange(ns);
  await channel.assertExchange(events, 'topic', { durable: true });
  await channel.assertExchange(dlx, 'direct', { durable: true });
  const dead = deadQueues(ns);
  await assertDeadQueues(
    opener,
    dead.map((d) => d.queue),
    deadQueueOptions(queueType, bounds),
    queueType,
  );
  for (const { queue, routingKey } of dead) await channel.bindQueue(queue, dlx, routingKey);
  for (const app of APP_NAMES) {
    await channel.assertQueue(names.requestQueue(ns, app), requestQueueOptions(ns, app, queueType));
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
  // Installations from before the call-log tail bound every call event here too; undone (a no-op when absent).
  await channel.unbindQueue(alertFeed, events, CALL_RECORDED_V1);
  for (const { app, purpose, patterns } of INBOX_SUBSCRIPTIONS) {
    const queue = names.inboxQueue(ns, app, purpose);
    await channel.assertQueue(queue, inboxQueueOptions(ns, queueType, queue));
    for (const pattern of patterns) await channel.bindQueue(queue, events, pattern);
  }
}

/** Every queue and exchange of a namespace, for tests and `cli namespace purge`. */
export function topologyNames(ns: string): { queues: string[]; exchanges: string[] } {
  const queues = APP_NAMES.flatMap((a) => [names.requestQueue(ns, a), names.deadQueue(ns, a)]);
  queues.push(names.auditCallQueue(ns), names.auditOperationQueue(ns), names.auditAlertFeedQueue(ns), names.auditAlertFeedDeadQueue(ns));
  for (const { app, purpose } of INBOX_SUBSCRIPTIONS)
    queues.push(names.inboxQueue(ns, app, purpose), names.inboxDeadQueue(ns, app, purpose));
  return { queues, exchanges: [names.eventsExchange(ns), names.deadLetterExchange(ns)] };
}
