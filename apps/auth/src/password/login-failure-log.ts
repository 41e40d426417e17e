import type { EntityManager } from 'typeorm';
import { LOGIN_FAILED_V1, type LoginFailedData, type OperationChange } from '@crm/contracts';
import type { ChangeRecorder } from '@crm/outbox';

/** Typed IDs are cut to this length before they are recorded (they need not exist). */
const RECORDED_ID_WIDTH = 64;

export interface LoginFailure {
  /** The employee ID as typed. */
  employeeId: string;
  /** The client's address (TCP peer). */
  source: string | null;
  /** Whether this failure locked the account. */
  locked: boolean;
  /** What the failure changed on a known account (failed-login count, lock); empty for an unknown ID. */
  changes: OperationChange[];
}

/**
 * Every refused login, known ID or not, leaves an operation-log entry (`entity=employee`,
 * `action=login-failed`, the source address, never the password) and an `auth.login.failed.v1`
 * event for audit's `login-failures` alert rule. Both go to auth's outbox in the transaction that
 * counts the failure, so neither is lost when the broker is away.
 */
export class LoginFailureLog {
  constructor(private readonly recorder: ChangeRecorder) {}

  async record(m: EntityManager, f: LoginFailure): Promise<void> {
    const employeeId = f.employeeId.slice(0, RECORDED_ID_WIDTH) || '-';
    const changes: OperationChange[] = [{ field: 'source', old: null, new: f.source }, ...f.changes];
    const data: LoginFailedData = { employeeId, source: f.source, locked: f.locked };
    // The actor is the identity that was claimed, as the call log names the caller as sent; the
    // event's envelope employeeId names the subject, as for access reviews.
    await this.recorder.record(
      m,
      { caller: null, employeeId },
      {
        entity: 'employee',
        entityId: employeeId,
        action: 'login-failed',
        before: Object.fromEntries(changes.map((c) => [c.field, c.old])),
        after: Object.fromEntries(changes.map((c) => [c.field, c.new])),
        event: { pattern: LOGIN_FAILED_V1, data: { ...data } },
      },
    );
  }
}
