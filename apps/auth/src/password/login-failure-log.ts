import type { EntityManager } from 'typeorm';
import { LOGIN_FAILED_V1, type LoginFailedData, type OperationChange } from '@crm/contracts';
import type { OutboxWriter } from '@crm/outbox';
import type { OperationRecorder } from '../operation/operation-recorder.js';

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
  constructor(
    private readonly recorder: OperationRecorder,
    private readonly outbox: OutboxWriter,
  ) {}

  async record(m: EntityManager, f: LoginFailure): Promise<void> {
    const employeeId = f.employeeId.slice(0, RECORDED_ID_WIDTH) || '-';
    // The actor is the identity that was claimed, as the call log names the caller as sent.
    await this.recorder.record(m, { type: 'employee', id: employeeId }, {
      entity: 'employee',
      entityId: employeeId,
      action: 'login-failed',
      changes: [{ field: 'source', old: null, new: f.source }, ...f.changes],
    });
    const data: LoginFailedData = { employeeId, source: f.source, locked: f.locked };
    // The envelope's employeeId would overwrite the payload's: it names the subject, as for access reviews.
    await this.outbox.add(m, LOGIN_FAILED_V1, { ...data }, { employeeId });
  }
}
