import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EMPLOYEE_SESSIONS_REVOKED_V1, type EmployeeSessionsRevokedData } from '@crm/contracts';
import { EventPublisher } from '@crm/messaging';

/**
 * Ends every session of an employee. The database row is the revocation of record (the access
 * token's `sv` claim no longer matches `employee.session_version`); the event makes every app
 * forget what it cached about the employee at once instead of at its cache TTL.
 *
 * Call it after the transaction that made the change has committed.
 */
@Injectable()
export class SessionRevoker {
  private readonly log = new Logger('SessionRevoker');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EventPublisher) private readonly events: EventPublisher,
  ) {}

  async revokeAll(employeeId: string, reason: EmployeeSessionsRevokedData['reason']): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query('UPDATE employee SET session_version = session_version + 1 WHERE employee_id = ?', [employeeId]);
      await m.query('UPDATE employee_session SET revoked_at = NOW(3), revoked_reason = ? WHERE employee_id = ? AND revoked_at IS NULL', [
        reason,
        employeeId,
      ]);
    });
    const data: EmployeeSessionsRevokedData = { employeeId, reason };
    try {
      await this.events.publish(EMPLOYEE_SESSIONS_REVOKED_V1, data, { employeeId });
    } catch (err) {
      // The revocation stands in the database; apps still see it when their cache entry expires
      // or when they reconnect to the broker (which clears their caches).
      this.log.error({
        msg: 'sessions revoked but the announcement failed; other apps learn it at their cache TTL',
        employeeId,
        reason,
        err: String(err),
      });
      return;
    }
    this.log.log({ msg: 'employee sessions revoked', employeeId, reason });
  }
}
