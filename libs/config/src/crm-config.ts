import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
// Types only: @crm/contracts' values load decorated DTOs, which need reflect-metadata loaded first.
import type { AppName } from '@crm/contracts';
import { enumVar, intVar, parseEnv, patternVar, textVar, urlVar } from './env-schema.js';

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
  amqpUrl: string;
  queueType: 'classic' | 'quorum';
  /** Current master key for the secret box, plus older keys still accepted for decryption. */
  masterKeys: { current: MasterKey; previous: MasterKey[] };
  httpPorts: Record<AppName, number>;
  prefetch: number;
  /** Database connections per app process. */
  dbPoolSize: number;
  logLevel: string;
  outboundTimeoutMs: number;
  /** How long an app trusts a verified caller credential (SPEC §3.1); revocations cut it short. */
  callerCacheTtlMs: number;
  /** How long an app trusts what it learnt about an employee (SPEC §3.3); revocations cut it short. */
  actorCacheTtlMs: number;
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
const MISSING_KEY = 'is missing: set it to "<keyId>:<base64 of 32 random bytes>" (npm run cli -- key generate)';
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

const portVars = Object.fromEntries(APPS.map((app) => [`${app.toUpperCase()}_PORT`, intVar(DEFAULT_PORTS[app], 0, 65535)])) as Record<`${Uppercase<AppName>}_PORT`, ReturnType<typeof intVar>>;

const platformSchema = z
  .object({
    CRM_NAMESPACE: patternVar('crm', /^[a-z][a-z0-9_]{0,39}$/, 'must be lower-case letters, digits or _ (start with a letter, at most 40)'),
    AMQP_QUEUE_TYPE: enumVar(['classic', 'quorum'], 'classic'),
    CRM_MASTER_KEY: masterKey,
    CRM_MASTER_KEY_PREVIOUS: z
      .string()
      .optional()
      .transform((s) => (s ?? '').split(',').map((k) => k.trim()).filter(Boolean))
      .pipe(z.array(masterKey)),
    ...portVars,
    DATABASE_URL: urlVar(['mysql', 'mariadb'], 'mysql://root@127.0.0.1:3306'),
    AMQP_URL: urlVar(['amqp', 'amqps'], 'amqp://guest:guest@127.0.0.1:5672'),
    AMQP_PREFETCH: intVar(64, 1, 10000),
    DB_POOL_SIZE: intVar(20, 1, 500),
    LOG_LEVEL: textVar('info'),
    OUTBOUND_TIMEOUT_MS: intVar(10_000, 100, 600_000),
    CALLER_CACHE_TTL_SECONDS: intVar(300, 0, 86400, 1000),
    ACTOR_CACHE_TTL_SECONDS: intVar(30, 0, 3600, 1000),
  })
  .transform(
    (e): CrmConfig => ({
      namespace: e.CRM_NAMESPACE,
      databaseUrl: e.DATABASE_URL,
      amqpUrl: e.AMQP_URL,
      queueType: e.AMQP_QUEUE_TYPE,
      masterKeys: { current: e.CRM_MASTER_KEY, previous: e.CRM_MASTER_KEY_PREVIOUS },
      httpPorts: Object.fromEntries(APPS.map((app) => [app, e[`${app.toUpperCase() as Uppercase<AppName>}_PORT`]])) as Record<AppName, number>,
      prefetch: e.AMQP_PREFETCH,
      dbPoolSize: e.DB_POOL_SIZE,
      logLevel: e.LOG_LEVEL,
      outboundTimeoutMs: e.OUTBOUND_TIMEOUT_MS,
      callerCacheTtlMs: e.CALLER_CACHE_TTL_SECONDS,
      actorCacheTtlMs: e.ACTOR_CACHE_TTL_SECONDS,
    }),
  );

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
    amqpUrl: redact(c.amqpUrl),
    queueType: c.queueType,
    masterKeyId: c.masterKeys.current.id,
    prefetch: c.prefetch,
  };
}
