import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EmployeeSessionState } from '@crm/contracts';
import { ActorDirectory } from '@crm/security';
import { EmployeeRoles } from '../role/employee-roles.js';

/** In `auth` the live state of an employee comes straight from its own tables. */
@Injectable()
export class LocalActorDirectory extends ActorDirectory {
  private readonly roles: EmployeeRoles;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
    this.roles = new EmployeeRoles(dataSource);
  }

  async session(employeeId: string): Promise<EmployeeSessionState> {
    const rows: Array<{ status: string; session_version: number }> = await this.dataSource.query(
      'SELECT status, session_version FROM employee WHERE employee_id = ?',
      [employeeId],
    );
    const row = rows[0];
    if (!row || row.status !== 'active')
      return { employeeId, active: false, sessionVersion: row ? Number(row.session_version) : 0, permissions: [], scopes: {} };
    const [permissions, scopes] = await Promise.all([this.roles.permissionsOf(employeeId), this.roles.scopesOf(employeeId)]);
    return { employeeId, active: true, sessionVersion: Number(row.session_version), permissions, scopes };
  }
}
