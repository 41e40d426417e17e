import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import type { AppName } from '@crm/contracts';

/**
 * Everything the apps read from the environment, validated once at start. A bad value stops the
 * process with a message that names the variable and never echoes a secret.
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
  eomsQueue: string;
  logLevel: string;
  /** Caller policy (SPEC §3.1). */
  callerPolicy: {
    maxAgeDays: number;
    warnDays: number;
    defaultOverlapMs: number;
    maxFailures: number;
    lockMs: number;
    /** Failures of one (caller name, source) pair count towards the lock within this window. */
    lockWindowMs: number;
    cacheTtlMs: number;
  };
  outboundTimeoutMs: number;
  jwtTtlSeconds: number;
  /** Employee sessions (SPEC §3.3). */
  sessions: {
    /** How long an app trusts what it learnt about an employee; revocations cut it short. */
    actorCacheTtlMs: number;
    refreshTtlSeconds: number;
  };
  /** Employee identity: onboarding and access review (issue 3). */
  identity: {
    initialPasswordTtlMs: number;
    accessReviewIntervalDays: number;
    accessReviewCheckMs: number;
  };
  /** Employee credentials: passwords, lockout, two-factor, forgot password (issue 3). */
  credentials: CredentialsConfig;
  /** Audit data: integrity checkpoints, backups, retention (SPEC §4.3; docs/audit-data.md). */
  auditData: AuditDataConfig;
  /** Audit alerts (示警, SPEC §4.3) and the operator console. */
  alerts: AlertConfig;
  console: ConsoleConfig;
  /**
   * Broker users allowed to publish audit events (AUDIT_TRUSTED_PUBLISHERS); checked against the
   * AMQP `user_id` when a message carries one. Empty: not checked (the event MAC still is).
   */
  trustedPublishers: string[];
}

// --- Employee credentials (issue 3: passwords, first login, forgot/reset, TOTP) ---
export interface CredentialsConfig {
  /** Context-specific words a password must not be built from (PASSWORD_BLOCKLIST_WORDS), lower case. */
  blocklistWords: string[];
  /** How many recent passwords may not be reused (0 = no history check). */
  passwordHistory: number;
  /** Maximum password age in days; 0 = never expires (NIST SP 800-63B advises 0). */
  passwordMaxAgeDays: number;
  loginMaxFailures: number;
  loginLockMs: number;
  /** Roles whose members must use TOTP (until per-role flags exist). */
  twoFactorRequiredRoles: string[];
  resetCodeTtlMs: number;
  resetMaxAttempts: number;
  resetRequestsPerAccount: number;
  resetRequestsPerAddress: number;
  resetRateWindowMs: number;
  notifier: 'log' | 'smtp';
  smtpUrl: string | null;
  smtpFrom: string;
}

function listVar(env: NodeJS.ProcessEnv, name: string, pattern: RegExp): string[] {
  const items = (env[name] ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const item of items) if (!pattern.test(item)) throw new ConfigError(name, 'has an item that is not allowed (see the documentation for the format)');
  return [...new Set(items)];
}

export function loadCredentialsConfig(env: NodeJS.ProcessEnv): CredentialsConfig {
  const notifier = env.NOTIFIER?.trim() || 'log';
  if (notifier !== 'log' && notifier !== 'smtp') throw new ConfigError('NOTIFIER', 'must be log or smtp');
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (notifier === 'smtp' && !smtpUrl) throw new ConfigError('SMTP_URL', 'is required when NOTIFIER=smtp');
  if (smtpUrl) parseUrl('SMTP_URL', smtpUrl, ['smtp:', 'smtps:']);
  const smtpFrom = env.SMTP_FROM?.trim() || 'CRM <no-reply@crm.invalid>';
  if (smtpFrom.length > 254 || !/@/.test(smtpFrom)) throw new ConfigError('SMTP_FROM', 'must be an e-mail address');
  return {
    blocklistWords: listVar(env, 'PASSWORD_BLOCKLIST_WORDS', /^[\p{L}\p{N}]{3,64}$/u),
    passwordHistory: intVar(env, 'PASSWORD_HISTORY', 5, 0, 24),
    passwordMaxAgeDays: intVar(env, 'PASSWORD_MAX_AGE_DAYS', 90, 0, 3650),
    loginMaxFailures: intVar(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMs: intVar(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60) * 60_000,
    twoFactorRequiredRoles: listVar(env, 'TWO_FACTOR_REQUIRED_ROLES', /^[a-z0-9][a-z0-9_.-]{0,63}$/),
    resetCodeTtlMs: intVar(env, 'RESET_CODE_TTL_MINUTES', 10, 1, 60) * 60_000,
    resetMaxAttempts: intVar(env, 'RESET_CODE_MAX_ATTEMPTS', 5, 1, 10),
    resetRequestsPerAccount: intVar(env, 'RESET_REQUESTS_PER_ACCOUNT', 3, 1, 100),
    resetRequestsPerAddress: intVar(env, 'RESET_REQUESTS_PER_ADDRESS', 20, 1, 100_000),
    resetRateWindowMs: intVar(env, 'RESET_RATE_WINDOW_MINUTES', 15, 1, 24 * 60) * 60_000,
    notifier,
    smtpUrl,
    smtpFrom,
  };
}
// --- end employee credentials ---

// ---- audit data (integrity, backups, retention): docs/audit-data.md
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
}

export function loadAuditDataConfig(env: NodeJS.ProcessEnv): AuditDataConfig {
  const dir = env.AUDIT_BACKUP_DIR?.trim() || null;
  if (dir !== null && !dir.startsWith('/')) throw new ConfigError('AUDIT_BACKUP_DIR', 'must be an absolute path');
  const period = env.AUDIT_BACKUP_PERIOD?.trim() || 'day';
  if (period !== 'hour' && period !== 'day') throw new ConfigError('AUDIT_BACKUP_PERIOD', 'must be hour or day');
  return {
    backupDir: dir,
    backupPeriod: period,
    retentionDays: intVar(env, 'AUDIT_RETENTION_DAYS', 0, 0, 36500),
    checkpointRows: intVar(env, 'AUDIT_CHECKPOINT_ROWS', 10_000, 1, 100_000_000),
    checkpointMinutes: intVar(env, 'AUDIT_CHECKPOINT_MINUTES', 60, 1, 7 * 24 * 60),
    maintenanceIntervalMs: intVar(env, 'AUDIT_MAINTENANCE_SECONDS', 60, 1, 86_400) * 1000,
  };
}
// ---- end audit data

// ---- audit alerts and operator console (SPEC §4.3) ----
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
  /** Optional receiver of raised alerts (POST JSON); null when not configured. */
  webhookUrl: string | null;
  webhookTimeoutMs: number;
  webhookRetries: number;
}

export interface ConsoleConfig {
  /** Origins allowed to call `auth` from a browser (CORS), i.e. where the console is served. */
  origins: string[];
  /** Where the console's sign-in goes; null: the page's own host name on AUTH_PORT. */
  authUrl: string | null;
}

function loadAlertConfig(env: NodeJS.ProcessEnv): AlertConfig {
  const webhook = env.AUDIT_ALERT_WEBHOOK_URL?.trim();
  return {
    authFailures: intVar(env, 'ALERT_AUTH_FAILURES', 5, 1, 100_000),
    authWindowMs: intVar(env, 'ALERT_AUTH_WINDOW_SECONDS', 60, 1, 86_400) * 1000,
    loginFailures: intVar(env, 'ALERT_LOGIN_FAILURES', 10, 1, 100_000),
    loginWindowMs: intVar(env, 'ALERT_LOGIN_WINDOW_SECONDS', 300, 1, 86_400) * 1000,
    errorRatePercent: intVar(env, 'ALERT_ERROR_RATE_PERCENT', 50, 1, 100),
    errorRateMinCalls: intVar(env, 'ALERT_ERROR_RATE_MIN_CALLS', 20, 1, 1_000_000),
    errorRateWindowMs: intVar(env, 'ALERT_ERROR_RATE_WINDOW_SECONDS', 300, 1, 86_400) * 1000,
    latencyP95Ms: intVar(env, 'ALERT_LATENCY_P95_MS', 2000, 1, 3_600_000),
    latencyMinCalls: intVar(env, 'ALERT_LATENCY_MIN_CALLS', 20, 1, 1_000_000),
    latencyWindowMs: intVar(env, 'ALERT_LATENCY_WINDOW_SECONDS', 300, 1, 86_400) * 1000,
    ingestQueueDepth: intVar(env, 'ALERT_INGEST_QUEUE_DEPTH', 10_000, 1, 1_000_000_000),
    ingestLagMs: intVar(env, 'ALERT_INGEST_LAG_SECONDS', 60, 1, 86_400) * 1000,
    lagCheckMs: intVar(env, 'ALERT_INGEST_CHECK_SECONDS', 15, 1, 3600) * 1000,
    // Not echoed in errors or logs: a webhook URL may carry a token in its path or query.
    webhookUrl: webhook ? parseUrl('AUDIT_ALERT_WEBHOOK_URL', webhook, ['http:', 'https:']) : null,
    webhookTimeoutMs: intVar(env, 'ALERT_WEBHOOK_TIMEOUT_MS', 5000, 100, 120_000),
    webhookRetries: intVar(env, 'ALERT_WEBHOOK_RETRIES', 5, 0, 20),
  };
}

function loadConsoleConfig(env: NodeJS.ProcessEnv, auditPort: number): ConsoleConfig {
  const raw = env.CONSOLE_ORIGINS?.trim();
  const origins = raw
    ? raw.split(',').map((o) => o.trim()).filter(Boolean)
    : [`http://127.0.0.1:${auditPort}`, `http://localhost:${auditPort}`];
  for (const o of origins) {
    let url: URL;
    try {
      url = new URL(o);
    } catch {
      throw new ConfigError('CONSOLE_ORIGINS', 'must be a comma-separated list of origins such as https://crm.example.com');
    }
    if (!['http:', 'https:'].includes(url.protocol) || url.origin !== o.replace(/\/$/, '')) {
      throw new ConfigError('CONSOLE_ORIGINS', 'must list bare origins (scheme://host[:port], no path)');
    }
  }
  const authUrl = env.CONSOLE_AUTH_URL?.trim();
  return {
    origins: origins.map((o) => o.replace(/\/$/, '')),
    authUrl: authUrl ? new URL(parseUrl('CONSOLE_AUTH_URL', authUrl, ['http:', 'https:'])).origin : null,
  };
}
// ---- end of audit alerts and operator console ----

export interface MasterKey {
  id: string;
  key: Buffer;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`configuration error: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_PORTS: Record<AppName, number> = { auth: 3001, marketing: 3002, sales: 3003, service: 3004, audit: 3005 };

/** `.env` is optional and never overrides the real environment. */
export function loadDotenvOnce(): void {
  const file = resolve(process.cwd(), '.env');
  if (existsSync(file)) loadDotenv({ path: file, quiet: true });
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, 'must be a whole number');
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}`);
  return value;
}

/** Key format: `<keyId>:<base64 of 32 bytes>`; the id is stored with every record it encrypts. */
export function parseMasterKey(variable: string, raw: string | undefined): MasterKey {
  if (raw === undefined || raw.trim() === '') {
    throw new ConfigError(variable, 'is missing: set it to "<keyId>:<base64 of 32 random bytes>" (npm run cli -- key generate)');
  }
  const match = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(raw.trim());
  if (!match) throw new ConfigError(variable, 'is malformed: expected "<keyId>:<base64 of 32 bytes>"');
  const key = Buffer.from(match[2], 'base64');
  if (key.length !== 32) throw new ConfigError(variable, `is malformed: the key must decode to 32 bytes`);
  return { id: match[1], key };
}

function parseUrl(name: string, raw: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(name, `must use ${protocols.join(' or ')}`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CrmConfig {
  const namespace = env.CRM_NAMESPACE?.trim() || 'crm';
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(namespace)) {
    throw new ConfigError('CRM_NAMESPACE', 'must be lower-case letters, digits or _ (start with a letter, at most 40)');
  }
  const queueType = env.AMQP_QUEUE_TYPE?.trim() || 'classic';
  if (queueType !== 'classic' && queueType !== 'quorum') throw new ConfigError('AMQP_QUEUE_TYPE', 'must be classic or quorum');
  const current = parseMasterKey('CRM_MASTER_KEY', env.CRM_MASTER_KEY);
  const previous = (env.CRM_MASTER_KEY_PREVIOUS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => parseMasterKey('CRM_MASTER_KEY_PREVIOUS', s));
  const httpPorts = { ...DEFAULT_PORTS };
  for (const app of Object.keys(DEFAULT_PORTS) as AppName[]) {
    httpPorts[app] = intVar(env, `${app.toUpperCase()}_PORT`, DEFAULT_PORTS[app], 0, 65535);
  }
  return {
    namespace,
    databaseUrl: parseUrl('DATABASE_URL', env.DATABASE_URL?.trim() || 'mysql://root@127.0.0.1:3306', ['mysql:', 'mariadb:']),
    amqpUrl: parseUrl('AMQP_URL', env.AMQP_URL?.trim() || 'amqp://guest:guest@127.0.0.1:5672', ['amqp:', 'amqps:']),
    queueType,
    masterKeys: { current, previous },
    httpPorts,
    prefetch: intVar(env, 'AMQP_PREFETCH', 64, 1, 10000),
    dbPoolSize: intVar(env, 'DB_POOL_SIZE', 20, 1, 500),
    eomsQueue: env.EOMS_QUEUE?.trim() || 'eoms.inbound',
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    callerPolicy: {
      maxAgeDays: intVar(env, 'CALLER_MAX_AGE_DAYS', 90, 1, 3650),
      warnDays: intVar(env, 'CALLER_WARN_DAYS', 14, 0, 365),
      defaultOverlapMs: intVar(env, 'CALLER_OVERLAP_MINUTES', 24 * 60, 0, 60 * 24 * 30) * 60_000,
      maxFailures: intVar(env, 'CALLER_MAX_FAILURES', 5, 1, 1000),
      lockMs: intVar(env, 'CALLER_LOCK_MINUTES', 15, 1, 24 * 60) * 60_000,
      lockWindowMs: intVar(env, 'CALLER_LOCK_WINDOW_SECONDS', 900, 1, 86_400) * 1000,
      cacheTtlMs: intVar(env, 'CALLER_CACHE_TTL_SECONDS', 300, 0, 86400) * 1000,
    },
    outboundTimeoutMs: intVar(env, 'OUTBOUND_TIMEOUT_MS', 10_000, 100, 600_000),
    jwtTtlSeconds: intVar(env, 'JWT_TTL_SECONDS', 900, 60, 86400),
    sessions: {
      actorCacheTtlMs: intVar(env, 'ACTOR_CACHE_TTL_SECONDS', 30, 0, 3600) * 1000,
      refreshTtlSeconds: intVar(env, 'REFRESH_TTL_HOURS', 12, 1, 24 * 30) * 3600,
    },
    // --- employee identity (issue 3): onboarding, access review ---
    identity: {
      initialPasswordTtlMs: intVar(env, 'INITIAL_PASSWORD_TTL_HOURS', 72, 1, 24 * 30) * 3_600_000,
      accessReviewIntervalDays: intVar(env, 'ACCESS_REVIEW_INTERVAL_DAYS', 90, 1, 3650),
      accessReviewCheckMs: intVar(env, 'ACCESS_REVIEW_CHECK_SECONDS', 60, 1, 3600) * 1000,
    },
    credentials: loadCredentialsConfig(env),
    auditData: loadAuditDataConfig(env),
    alerts: loadAlertConfig(env),
    console: loadConsoleConfig(env, httpPorts.audit),
    trustedPublishers: loadTrustedPublishers(env),
  };
}

function loadTrustedPublishers(env: NodeJS.ProcessEnv): string[] {
  const users = (env.AUDIT_TRUSTED_PUBLISHERS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const u of users) if (!/^[A-Za-z0-9._@-]{1,128}$/.test(u)) throw new ConfigError('AUDIT_TRUSTED_PUBLISHERS', 'must be a comma-separated list of broker user names');
  return users;
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
    eomsQueue: c.eomsQueue,
  };
}
