/** MySQL/MariaDB errors after which the whole transaction may simply be run again. */
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

export function isRetryableTransactionError(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  return !!e && (RETRYABLE.has(e.code ?? '') || RETRYABLE.has(e.driverError?.code ?? ''));
}

/**
 * Runs a transaction again when InnoDB chose it as a deadlock victim (or a lock wait timed out):
 * the server has rolled it back, and its docs ask applications to retry. A few attempts with a
 * short random pause; any other error, or the last one, is thrown.
 */
export async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}

/** Driver and server errors that mean "the database cannot be reached or is going away". */
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_QUERY_INTERRUPTED',
]);

/**
 * The database is down or unreachable (not: the statement was wrong). Work that fails this way
 * should wait and try again rather than be given up; mysql2 marks connection-level failures
 * `fatal`, and a pooled connection that died in between fails with a closed-state message.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; fatal?: boolean; message?: string; driverError?: { code?: string; fatal?: boolean } } | null;
  if (!e) return false;
  if (UNAVAILABLE.has(e.code ?? '') || UNAVAILABLE.has(e.driverError?.code ?? '')) return true;
  if (e.fatal === true || e.driverError?.fatal === true) return true;
  return /connection is in closed state|Pool is closed|Connection lost/i.test(e.message ?? '');
}
