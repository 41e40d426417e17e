/** The driver error behind a TypeORM QueryFailedError, or the error itself when it came from mysql2 directly. */
interface DriverError {
  code?: unknown;
  errno?: unknown;
  sqlMessage?: unknown;
  message?: unknown;
  driverError?: DriverError;
}

/** MariaDB/MySQL ER_DUP_ENTRY (errno 1062): an INSERT or UPDATE hit a unique key. */
export function isDuplicateKey(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as DriverError;
  for (const d of [e, e.driverError]) if (d && (d.code === 'ER_DUP_ENTRY' || d.errno === 1062)) return true;
  return false;
}

/**
 * Which unique key a duplicate hit (`uq_employee_email`), so a service can name the field in its
 * 4090; null when the error is not a duplicate or the server's message has no key name.
 */
export function duplicateKeyName(error: unknown): string | null {
  if (!isDuplicateKey(error)) return null;
  const e = error as DriverError;
  const text =
    [e.driverError?.sqlMessage, e.driverError?.message, e.sqlMessage, e.message].find((m): m is string => typeof m === 'string') ?? '';
  // "Duplicate entry 'x' for key 'uq_employee_email'" (MariaDB) or "... for key 'employee.uq_employee_email'" (MySQL 8).
  const key = /for key '(?:[^'.]+\.)?([^']+)'$/.exec(text)?.[1];
  return key ?? null;
}
