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
