import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { CrmError, ErrorCode, isErrorCode, type AppName, type ErrBody } from '@crm/contracts';
import { SpanKind, startSpan, type TraceHeaders } from '@crm/tracing';
import type { BrokerConnection } from './broker-connection.js';
import type { EventPublisher } from './event-publisher.js';
import { buildCallEvent, newCallEventId } from './call-event.factory.js';

const REPLY_QUEUE = 'amq.rabbitmq.reply-to';

export interface OutboundRequest {
  /** Name of the called system as it appears in the call log (`eoms`, `auth`, ...). */
  callee: string;
  queue: string;
  pattern: string;
  payload: unknown;
  credentials: { caller: string; password: string };
  requestId?: string;
  /** Retry number of the same logical request: each attempt is its own call log entry. */
  attempt?: number;
  actor?: string | null;
  timeoutMs?: number;
}

interface Pending {
  resolve: (body: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Calls another system over RabbitMQ the way SPEC §2.1 describes (persistent request, direct
 * reply-to, correlation id), presenting our own credentials, and records every call as an
 * outbound call event before returning.
 */
export class OutboundClient {
  private readonly log = new Logger('OutboundClient');
  private readonly pending = new Map<string, Pending>();
  private readonly channel: ChannelWrapper;

  constructor(
    broker: BrokerConnection,
    private readonly events: EventPublisher,
    private readonly service: AppName,
    private readonly defaultTimeoutMs: number,
  ) {
    this.channel = broker.manager.createChannel({
      json: false,
      confirm: true,
      setup: async (ch: ConfirmChannel) => {
        // Replies to requests sent on a previous channel can never arrive: fail them fast.
        this.failAll(new CrmError(ErrorCode.Unavailable, 'broker connection was reset'));
        await ch.consume(REPLY_QUEUE, (msg) => this.onReply(msg), { noAck: true });
      },
    });
  }

  async call<T = unknown>(req: OutboundRequest): Promise<T> {
    const id = randomUUID();
    const requestId = req.requestId ?? id;
    const timeoutMs = req.timeoutMs ?? this.defaultTimeoutMs;
    const started = performance.now();
    const at = new Date();
    // A leg of the active trace (the call being handled, the outbox row being sent): the callee continues it.
    const span = startSpan(req.pattern, SpanKind.CLIENT);
    let code: number = ErrorCode.Ok;
    let message: string | null = null;
    try {
      const body = await this.request(id, req, requestId, timeoutMs, span.headers());
      return unwrapReply<T>(body);
    } catch (error) {
      const e = error instanceof CrmError ? error : new CrmError(ErrorCode.Unavailable, `call to ${req.callee} failed`);
      code = e.code;
      message = e.message;
      throw e;
    } finally {
      await this.events.publishCallEvent(
        buildCallEvent({
          // Fresh per call: retries and callers reusing a requestId stay separate rows.
          id: newCallEventId(),
          at,
          direction: 'outbound',
          service: this.service,
          caller: req.credentials.caller,
          callee: req.callee,
          pattern: req.pattern,
          requestId,
          actor: req.actor ?? null,
          code,
          message,
          durationMs: Math.round((performance.now() - started) * 1000) / 1000,
          source: null,
          trace: span,
        }),
      );
      span.end(code, message);
    }
  }

  private request(id: string, req: OutboundRequest, requestId: string, timeoutMs: number, headers: TraceHeaders): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CrmError(ErrorCode.Unavailable, `${req.callee} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      const body = {
        pattern: req.pattern,
        id,
        data: {
          caller: req.credentials.caller,
          password: req.credentials.password,
          requestId,
          ...(req.actor ? { actor: req.actor } : {}),
          payload: req.payload,
        },
      };
      this.channel
        .sendToQueue(req.queue, Buffer.from(JSON.stringify(body)), {
          replyTo: REPLY_QUEUE,
          correlationId: id,
          persistent: true,
          contentType: 'application/json',
          headers,
          // A request nobody answered in time must not run later.
          expiration: String(timeoutMs),
          timeout: timeoutMs,
        } as Parameters<ChannelWrapper['sendToQueue']>[2])
        .catch((err: unknown) => {
          const p = this.pending.get(id);
          if (!p) return;
          clearTimeout(p.timer);
          this.pending.delete(id);
          this.log.warn(`request to ${req.callee} not published: ${(err as Error)?.message ?? String(err)}`);
          p.reject(new CrmError(ErrorCode.Unavailable, `${req.callee} unreachable`));
        });
    });
  }

  private onReply(msg: ConsumeMessage | null): void {
    if (!msg) return;
    const id = msg.properties.correlationId as string | undefined;
    const p = id ? this.pending.get(id) : undefined;
    if (!p || !id) return; // late reply after a timeout
    clearTimeout(p.timer);
    this.pending.delete(id);
    try {
      p.resolve(JSON.parse(msg.content.toString('utf8')));
    } catch {
      p.reject(new CrmError(ErrorCode.Malformed, 'reply is not JSON'));
    }
  }

  private failAll(err: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(id);
    }
  }

  async close(): Promise<void> {
    this.failAll(new CrmError(ErrorCode.Unavailable, 'client closed'));
    await this.channel.close().catch(() => undefined);
  }
}

/** Reads a SPEC §2.2 reply: returns `response.data` or throws the `err` as a CrmError. */
export function unwrapReply<T>(body: unknown): T {
  const b = body as { response?: { code?: unknown; data?: unknown }; err?: Partial<ErrBody> } | null;
  if (b && typeof b === 'object' && b.response && b.response.code === 0) return b.response.data as T;
  if (b && typeof b === 'object' && b.err && isErrorCode(b.err.code)) {
    throw new CrmError(b.err.code, typeof b.err.message === 'string' ? b.err.message : undefined, b.err.details);
  }
  throw new CrmError(ErrorCode.Malformed, 'reply does not follow the wire contract');
}
