import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EmployeeSessionState } from '@crm/contracts';
import { ActorDirectory } from '@crm/security';
import { permissionsOf } from '../employee/permissions.js';

/** In `auth` the live state of an employee comes straight from its own tables. */
@Injectable()
export class LocalActorDirectory extends ActorDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async session(employeeId: string): Promise<EmployeeSessionState> {
    const rows: Array<{ status: string; session_version: number; roles: string[] | string }> = await this.dataSource.query(
      'SELECT status, session_version, roles FROM employee WHERE employee_id = ?',
      [employeeId],
    );
    const row = rows[0];
    if (!row) return { employeeId, active: false, sessionVersion: 0, permissions: [] };
    const roles = typeof row.roles === 'string' ? (JSON.parse(row.roles) as string[]) : row.roles;
    return { employeeId, active: row.status === 'active', sessionVersion: Number(row.session_version), permissions: permissionsOf(roles) };
  }
}
