import { z } from 'zod';
import { enumVar, intVar, optionalUrlVar, parseEnv, unsetIfBlank, type AppConfigLoader } from '@crm/config';

/** DI token of the validated `AuditConfig` (provided through `RuntimeModule.forApp`). */
export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');

/** audit's own part of the configuration, validated by the audit app and audit's operator process only. */
export interface AuditConfig {
  /** Audit data: integrity checkpoints, backups, retention (SPEC §4.3; docs/audit-data.md). */
  auditData: AuditDataConfig;
  /** Audit alerts (示警, SPEC §4.3). */
  alerts: AlertConfig;
  /** The operator console. */
  console: ConsoleConfig;
  /**
   * Broker users allowed to publish audit events (AUDIT_TRUSTED_PUBLISHERS); checked against the
   * AMQP `user_id` when a message carries one. Empty: not checked (the event MAC still is).
   */
  trustedPublishers: string[];
}

export interface AuditDataConfig {
  /** Where scheduled backups go; null = scheduled backups off (manual ones need it too). */
  backupDir: string | null;
  backupPeriod: 'hour' | 'day';
  /** Purge rows older than this many days on schedule; 0 = keep forever. */
  retentionDays: number;
  /** A chain checkpoint every this many rows ... */
  checkpointRows: number;
  /** ... or this many minutes, whichever comes first. */
  checkpointMinutes: number;
  /** How often the backup and retention jobs look for work. */
  maintenanceIntervalMs: number;
  /** How often the chain heads are anchored outside the database (when they moved). */
  anchorIntervalMs: number;
  /**
   * The account purges run under (AUDIT_RETENTION_DATABASE_URL): the only one that may delete log
   * rows; null = DATABASE_URL's. Never logged.
   */
  retentionDatabaseUrl: string | null;
}

export interface AlertConfig {
  /** Failed authentications (4002) by one caller within the window that raise an alert. */
  authFailures: number;
  authWindowMs: number;
  /** Failed logins (`POST /auth/login`) for one employee ID within the window that raise an alert. */
  loginFailures: number;
  loginWindowMs: number;
  /** Per pattern: failed share (percent, auth codes excluded) with at least minCalls calls in the window. */
  errorRatePercent: number;
  errorRateMinCalls: number;
  errorRateWindowMs: number;
  /** Per pattern: p95 of durationMs above this, with at least minCalls calls in the window. */
  latencyP95Ms: number;
  latencyMinCalls: number;
  latencyWindowMs: number;
  /** Ingestion lag: call queue depth or age of the oldest event in the last stored batch. */
  ingestQueueDepth: number;
  ingestLagMs: number;
  lagCheckMs: number;
  /** Messages in one dead-letter queue that raise `dead-letters` (checked every lagCheckMs). */
  deadQueueDepth: number;
  /** Optional receiver of raised alerts (POST JSON); null when not configured. */
  webhookUrl: string | null;
  webhookTimeoutMs: number;
  webhookRetries: number;
}

export interface ConsoleConfig {
  /** Where the console's sign-in goes (CONSOLE_AUTH_URL); null: AUTH_PUBLIC_URL. (auth's CONSOLE_ORIGINS allow it back.) */
  authUrl: string | null;
}

const S = 1000;

const auditDataSchema = z
  .object({
    AUDIT_BACKUP_DIR: unsetIfBlank(z.string().trim().startsWith('/', 'must be an absolute path').nullable().default(null)),
    AUDIT_BACKUP_PERIOD: enumVar(['hour', 'day'], 'day'),
    AUDIT_RETENTION_DAYS: intVar(0, 0, 36500),
    AUDIT_CHECKPOINT_ROWS: intVar(10_000, 1, 100_000_000),
    AUDIT_CHECKPOINT_MINUTES: intVar(60, 1, 7 * 24 * 60),
    AUDIT_MAINTENANCE_SECONDS: intVar(60, 1, 86_400, S),
    AUDIT_ANCHOR_SECONDS: intVar(60, 1, 86_400, S),
    AUDIT_RETENTION_DATABASE_URL: optionalUrlVar(['mysql', 'mariadb']),
  })
  .transform((e): AuditDataConfig => ({
    backupDir: e.AUDIT_BACKUP_DIR,
    backupPeriod: e.AUDIT_BACKUP_PERIOD,
    retentionDays: e.AUDIT_RETENTION_DAYS,
    checkpointRows: e.AUDIT_CHECKPOINT_ROWS,
    checkpointMinutes: e.AUDIT_CHECKPOINT_MINUTES,
    maintenanceIntervalMs: e.AUDIT_MAINTENANCE_SECONDS,
    anchorIntervalMs: e.AUDIT_ANCHOR_SECONDS,
    retentionDatabaseUrl: e.AUDIT_RETENTION_DATABASE_URL,
  }));

const alertSchema = z
  .object({
    ALERT_AUTH_FAILURES: intVar(5, 1, 100_000),
    ALERT_AUTH_WINDOW_SECONDS: intVar(60, 1, 86_400, S),
    ALERT_LOGIN_FAILURES: intVar(10, 1, 100_000),
    ALERT_LOGIN_WINDOW_SECONDS: intVar(300, 1, 86_400, S),
    ALERT_ERROR_RATE_PERCENT: intVar(50, 1, 100),
    ALERT_ERROR_RATE_MIN_CALLS: intVar(20, 1, 1_000_000),
    ALERT_ERROR_RATE_WINDOW_SECONDS: intVar(300, 1, 86_400, S),
    ALERT_LATENCY_P95_MS: intVar(2000, 1, 3_600_000),
    ALERT_LATENCY_MIN_CALLS: intVar(20, 1, 1_000_000),
    ALERT_LATENCY_WINDOW_SECONDS: intVar(300, 1, 86_400, S),
    ALERT_INGEST_QUEUE_DEPTH: intVar(10_000, 1, 1_000_000_000),
    ALERT_INGEST_LAG_SECONDS: intVar(60, 1, 86_400, S),
    ALERT_INGEST_CHECK_SECONDS: intVar(15, 1, 3600, S),
    ALERT_DEAD_QUEUE_DEPTH: intVar(1000, 1, 100_000_000),
    // Never echoed in errors or logs: a webhook URL may carry a token in its path or query.
    AUDIT_ALERT_WEBHOOK_URL: optionalUrlVar(['http', 'https']),
    ALERT_WEBHOOK_TIMEOUT_MS: intVar(5000, 100, 120_000),
    ALERT_WEBHOOK_RETRIES: intVar(5, 0, 20),
  })
  .transform((e): AlertConfig => ({
    authFailures: e.ALERT_AUTH_FAILURES,
    authWindowMs: e.ALERT_AUTH_WINDOW_SECONDS,
    loginFailures: e.ALERT_LOGIN_FAILURES,
    loginWindowMs: e.ALERT_LOGIN_WINDOW_SECONDS,
    errorRatePercent: e.ALERT_ERROR_RATE_PERCENT,
    errorRateMinCalls: e.ALERT_ERROR_RATE_MIN_CALLS,
    errorRateWindowMs: e.ALERT_ERROR_RATE_WINDOW_SECONDS,
    latencyP95Ms: e.ALERT_LATENCY_P95_MS,
    latencyMinCalls: e.ALERT_LATENCY_MIN_CALLS,
    latencyWindowMs: e.ALERT_LATENCY_WINDOW_SECONDS,
    ingestQueueDepth: e.ALERT_INGEST_QUEUE_DEPTH,
    ingestLagMs: e.ALERT_INGEST_LAG_SECONDS,
    lagCheckMs: e.ALERT_INGEST_CHECK_SECONDS,
    deadQueueDepth: e.ALERT_DEAD_QUEUE_DEPTH,
    webhookUrl: e.AUDIT_ALERT_WEBHOOK_URL,
    webhookTimeoutMs: e.ALERT_WEBHOOK_TIMEOUT_MS,
    webhookRetries: e.ALERT_WEBHOOK_RETRIES,
  }));

const consoleSchema = z
  .object({ CONSOLE_AUTH_URL: optionalUrlVar(['http', 'https']) })
  .transform((e): ConsoleConfig => ({ authUrl: e.CONSOLE_AUTH_URL === null ? null : new URL(e.CONSOLE_AUTH_URL).origin }));

const PUBLISHERS = 'must be a comma-separated list of broker user names';
const publishersSchema = z.object({
  AUDIT_TRUSTED_PUBLISHERS: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9._@-]{1,128}$/, PUBLISHERS))),
});

/** Audit data settings alone (the backup and retention jobs and their tests). */
export function loadAuditDataConfig(env: NodeJS.ProcessEnv): AuditDataConfig {
  return parseEnv(auditDataSchema, env);
}

/** Reads audit's part of the environment. */
export const loadAuditConfig: AppConfigLoader<AuditConfig> = (env) => ({
  auditData: loadAuditDataConfig(env),
  alerts: parseEnv(alertSchema, env),
  console: parseEnv(consoleSchema, env),
  trustedPublishers: parseEnv(publishersSchema, env).AUDIT_TRUSTED_PUBLISHERS,
});
