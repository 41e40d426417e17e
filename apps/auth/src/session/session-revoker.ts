import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { EMPLOYEE_SESSIONS_REVOKED_V1, type EmployeeSessionsRevokedData } from '@crm/contracts';
import { OutboxWriter } from '@crm/outbox';

/**
 * Ends every session of employees. The database row is the revocation of record (the access
 * token's `sv` claim no longer matches `employee.session_version`); the announcement
 * (`auth.employee.sessions-revoked.v1`) makes every app forget what it cached about the employee at
 * once instead of at its cache TTL. Both are written in the transaction of the change that ends the
 * sessions (disable, role or password change …), the announcement through the outbox: the change,
 * the revocation and the announcement commit together, and a broker outage delays the
 * announcement, never drops it.
 */
@Injectable()
export class SessionRevoker {
  private readonly log = new Logger('SessionRevoker');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
  ) {}

  /** With the change's `m`; `null` runs it in a transaction of its own (logout). */
  async revokeAll(
    m: EntityManager | null,
    employeeIds: string | readonly string[],
    reason: EmployeeSessionsRevokedData['reason'],
  ): Promise<void> {
    const ids = [...new Set(typeof employeeIds === 'string' ? [employeeIds] : employeeIds)];
    if (ids.length === 0) return;
    if (!m) return this.dataSource.transaction((t) => this.revokeAll(t, ids, reason));
    await m.query('UPDATE employee SET session_version = session_version + 1 WHERE employee_id IN (?)', [ids]);
    await m.query('UPDATE employee_session SET revoked_at = NOW(3), revoked_reason = ? WHERE employee_id IN (?) AND revoked_at IS NULL', [
      reason,
      ids,
    ]);
    // The envelope's employeeId names the subject, as the payload does.
    await this.outbox.addMany(
      m,
      ids.map((employeeId) => ({ pattern: EMPLOYEE_SESSIONS_REVOKED_V1, data: { employeeId, reason }, options: { employeeId } })),
    );
    this.log.log({ msg: 'employee sessions revoked', employees: ids.length <= 10 ? ids : ids.length, reason });
  }
}
