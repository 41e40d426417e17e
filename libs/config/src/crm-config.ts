import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
// Types only: @crm/contracts' values load decorated DTOs, which need reflect-metadata loaded first.
import type { AppName } from '@crm/contracts';
import { amqpUrlsVar, enumVar, intVar, optionalIntVar, optionalOriginVar, parseEnv, patternVar, textVar, urlVar } from './env-schema.js';
import { tracingOf, tracingProtocolIssue, tracingVars, type TracingConfig } from './tracing-config.js';

/**
 * The platform part of the configuration: what every app and the shared libs (runtime, security,
 * messaging, outbox, inbox) read, validated by every app at start. Settings only one app uses live
 * in that app's own part (`apps/<app>/src/<app>.config.ts`), validated only by that app, so a bad
 * `ALERT_*` value stops `audit` and nothing else. A bad value stops the process with a message that
 * names the variable and never echoes a secret.
 */
export interface CrmConfig {
  namespace: string;
  databaseUrl: string;
  /** AMQP_URL: one address, or each node of a cluster; connections fail over from one to the next. */
  amqpUrls: string[];
  queueType: 'classic' | 'quorum';
  /** Current master key for the secret box, plus older keys still accepted for decryption. */
  masterKeys: { current: MasterKey; previous: MasterKey[] };
  httpPorts: Record<AppName, number>;
  prefetch: number;
  /** Database connections per app process. */
  dbPoolSize: number;
  logLevel: string;
  outboundTimeoutMs: number;
  /**
   * Outbox drains one app process runs at once (OUTBOX_DRAINS): while one waits for the broker's
   * confirms another claims and deletes; more replicas add theirs.
   */
  outboxDrains: number;
  /** How long an app trusts a verified caller credential (SPEC §3.1); revocations cut it short. */
  callerCacheTtlMs: number;
  /** How long an app trusts what it learnt about an employee (SPEC §3.3); revocations cut it short. */
  actorCacheTtlMs: number;
  /**
   * EOMS's inbound queue (EOMS_QUEUE): service sends its stage and final replies there, and every
   * app refuses it as a `reply_to` (docs/wire-contract.md), so every app reads it.
   */
  eomsQueue: string;
  /** Inbound message limits and dead-letter bounds (issue 8; docs/wire-contract.md). */
  messaging: MessagingLimitsConfig;
  /** Where browsers reach auth and audit (issue 8): never taken from a request's Host header. */
  publicUrls: PublicUrlsConfig;
  /** Span export (OTEL_* variables); trace context is propagated either way. */
  tracing: TracingConfig;
}

export interface MessagingLimitsConfig {
  /** Largest request body an app parses, per app (MAX_MESSAGE_BYTES, <APP>_MAX_MESSAGE_BYTES). */
  maxMessageBytes: Record<AppName, number>;
  /** Deepest nesting of objects and arrays in a request body (MAX_MESSAGE_DEPTH). */
  maxMessageDepth: number;
  /** Bounds of every `<ns>.*.dead` queue; every app must use the same values. */
  deadQueue: { maxMessages: number; maxBytes: number };
  /**
   * How long one call may run (guard, pipes, handler) before it is answered 5030, its transaction
   * rolled back and its message acknowledged (HANDLER_DEADLINE_MS; issue 13).
   */
  handlerDeadlineMs: number;
}

export interface PublicUrlsConfig {
  /** Origin of auth as browsers reach it (AUTH_PUBLIC_URL). */
  auth: string;
  /** Origin of audit as browsers reach it (AUDIT_PUBLIC_URL). */
  audit: string;
}

export interface MasterKey {
  id: string;
  key: Buffer;
}

/** An app's own part of the configuration: read from the same environment, after the platform part. */
export type AppConfigLoader<T> = (env: NodeJS.ProcessEnv, platform: CrmConfig) => T;

const DEFAULT_PORTS: Record<AppName, number> = { auth: 3001, marketing: 3002, sales: 3003, service: 3004, audit: 3005 };
const APPS = Object.keys(DEFAULT_PORTS) as AppName[];

/** `.env` is optional and never overrides the real environment. */
export function loadDotenvOnce(): void {
  const file = resolve(process.cwd(), '.env');
  if (existsSync(file)) loadDotenv({ path: file, quiet: true });
}

// Key format: `<keyId>:<base64 of 32 bytes>`; the id is stored with every record it encrypts.
const MISSING_KEY = 'is missing: set it to "<keyId>:<base64 of 32 random bytes>" (npm run -s cli -- key generate)';
const masterKey = z
  .string({ error: MISSING_KEY })
  .trim()
  .min(1, MISSING_KEY)
  .regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]+$/, { error: 'is malformed: expected "<keyId>:<base64 of 32 bytes>"', abort: true })
  .transform((s): MasterKey => ({ id: s.slice(0, s.indexOf(':')), key: Buffer.from(s.slice(s.indexOf(':') + 1), 'base64') }))
  .refine((k) => k.key.length === 32, 'is malformed: the key must decode to 32 bytes');

/** Parses one master key, naming `variable` in the error. */
export function parseMasterKey(variable: string, raw: string | undefined): MasterKey {
  return parseEnv(z.object({ [variable]: masterKey }), { [variable]: raw })[variable];
}

const MIB = 1024 * 1024;

/**
 * 1 MiB is far above any request but marketing's: documents carry up to 10 MiB of content
 * (SPEC §6.1), ~13.4 MiB once base64-encoded in JSON, so marketing defaults to 16 MiB (RabbitMQ
 * 4's own default `max_message_size`).
 */
const DEFAULT_MAX_MESSAGE_BYTES: Record<AppName, number> = { auth: MIB, marketing: 16 * MIB, sales: MIB, service: MIB, audit: MIB };
const MESSAGE_BYTES_RANGE = [1024, 128 * MIB] as const;

const portVars = Object.fromEntries(APPS.map((app) => [`${app.toUpperCase()}_PORT`, intVar(DEFAULT_PORTS[app], 0, 65535)])) as Record<
  `${Uppercase<AppName>}_PORT`,
  ReturnType<typeof intVar>
>;

// <APP>_MAX_MESSAGE_BYTES: one app; unset, MAX_MESSAGE_BYTES (every app), else the app's default.
const messageBytesVars = Object.fromEntries(
  APPS.map((app) => [`${app.toUpperCase()}_MAX_MESSAGE_BYTES`, optionalIntVar(...MESSAGE_BYTES_RANGE)]),
) as Record<`${Uppercase<AppName>}_MAX_MESSAGE_BYTES`, ReturnType<typeof optionalIntVar>>;

const platformSchema = z
  .object({
    CRM_NAMESPACE: patternVar('crm', /^[a-z][a-z0-9_]{0,39}$/, 'must be lower-case letters, digits or _ (start with a letter, at most 40)'),
    AMQP_QUEUE_TYPE: enumVar(['classic', 'quorum'], 'classic'),
    CRM_MASTER_KEY: masterKey,
    CRM_MASTER_KEY_PREVIOUS: z
      .string()
      .optional()
      .transform((s) =>
        (s ?? '')
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .pipe(z.array(masterKey)),
    ...portVars,
    DATABASE_URL: urlVar(['mysql', 'mariadb'], 'mysql://root@127.0.0.1:3306'),
    AMQP_URL: amqpUrlsVar('amqp://guest:guest@127.0.0.1:5672'),
    AMQP_PREFETCH: intVar(64, 1, 10000),
    DB_POOL_SIZE: intVar(20, 1, 500),
    LOG_LEVEL: textVar('info'),
    OUTBOUND_TIMEOUT_MS: intVar(10_000, 100, 600_000),
    OUTBOX_DRAINS: intVar(4, 1, 16),
    CALLER_CACHE_TTL_SECONDS: intVar(300, 0, 86400, 1000),
    ACTOR_CACHE_TTL_SECONDS: intVar(30, 0, 3600, 1000),
    EOMS_QUEUE: textVar('eoms.inbound'),
    MAX_MESSAGE_BYTES: optionalIntVar(...MESSAGE_BYTES_RANGE),
    ...messageBytesVars,
    MAX_MESSAGE_DEPTH: intVar(32, 4, 512),
    DEAD_QUEUE_MAX_MESSAGES: intVar(100_000, 1, 100_000_000),
    DEAD_QUEUE_MAX_BYTES: intVar(512 * MIB, 1024, 64 * 1024 * MIB),
    // At most 25 min: RabbitMQ closes a channel holding a delivery unacknowledged past its
    // consumer_timeout (30 min by default), which would redeliver every call in flight on it.
    HANDLER_DEADLINE_MS: intVar(30_000, 100, 1_500_000),
    AUTH_PUBLIC_URL: optionalOriginVar(),
    AUDIT_PUBLIC_URL: optionalOriginVar(),
    ...tracingVars,
  })
  .superRefine((e, ctx) => {
    const issue = tracingProtocolIssue(e);
    if (issue) ctx.addIssue({ code: 'custom', path: [issue.variable], message: issue.reason });
  })
  .transform((e): CrmConfig => ({
    namespace: e.CRM_NAMESPACE,
    databaseUrl: e.DATABASE_URL,
    amqpUrls: e.AMQP_URL,
    queueType: e.AMQP_QUEUE_TYPE,
    masterKeys: { current: e.CRM_MASTER_KEY, previous: e.CRM_MASTER_KEY_PREVIOUS },
    httpPorts: Object.fromEntries(APPS.map((app) => [app, e[`${app.toUpperCase() as Uppercase<AppName>}_PORT`]])) as Record<
      AppName,
      number
    >,
    prefetch: e.AMQP_PREFETCH,
    dbPoolSize: e.DB_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    outboundTimeoutMs: e.OUTBOUND_TIMEOUT_MS,
    outboxDrains: e.OUTBOX_DRAINS,
    callerCacheTtlMs: e.CALLER_CACHE_TTL_SECONDS,
    actorCacheTtlMs: e.ACTOR_CACHE_TTL_SECONDS,
    eomsQueue: e.EOMS_QUEUE,
    messaging: {
      maxMessageBytes: Object.fromEntries(
        APPS.map((app) => [
          app,
          e[`${app.toUpperCase() as Uppercase<AppName>}_MAX_MESSAGE_BYTES`] ?? e.MAX_MESSAGE_BYTES ?? DEFAULT_MAX_MESSAGE_BYTES[app],
        ]),
      ) as Record<AppName, number>,
      maxMessageDepth: e.MAX_MESSAGE_DEPTH,
      deadQueue: { maxMessages: e.DEAD_QUEUE_MAX_MESSAGES, maxBytes: e.DEAD_QUEUE_MAX_BYTES },
      handlerDeadlineMs: e.HANDLER_DEADLINE_MS,
    },
    publicUrls: {
      auth: e.AUTH_PUBLIC_URL ?? `http://127.0.0.1:${e.AUTH_PORT}`,
      audit: e.AUDIT_PUBLIC_URL ?? `http://127.0.0.1:${e.AUDIT_PORT}`,
    },
    tracing: tracingOf(e),
  }));

/** The platform part, which every app validates; see `AppConfigLoader` for an app's own part. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CrmConfig {
  return parseEnv(platformSchema, env);
}

/** Redacted form for start-up logs. */
export function describeConfig(c: CrmConfig): Record<string, unknown> {
  const redact = (u: string) => u.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return {
    namespace: c.namespace,
    databaseUrl: redact(c.databaseUrl),
    amqpUrls: c.amqpUrls.map(redact),
    queueType: c.queueType,
    masterKeyId: c.masterKeys.current.id,
    prefetch: c.prefetch,
    spanExport: c.tracing.export ? 'otlp' : 'off',
  };
}
