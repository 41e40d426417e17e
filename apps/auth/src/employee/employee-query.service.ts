import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CrmError, ErrorCode, type EmployeePublicProfile } from '@crm/contracts';
import { BUSINESS_PAGE, KeysetQuery, ListCursorCodec, toPage, type KeysetList, type ListPage } from '@crm/persistence';
import { EmployeeRoles } from '../role/employee-roles.js';
import type { ListEmployeesQuery } from './dto/list-employees.query.js';
import { EmployeeEntity } from './employee.entity.js';
import { toEmployeeView, toPublicProfile, type EmployeeView } from './employee.view.js';

/**
 * Oldest ID first, on the ledger number of the ID (string order breaks when the IDs grow a digit);
 * IDs are unique, so the number needs no tiebreaker.
 */
export const EMPLOYEE_LIST: KeysetList<Pick<EmployeeEntity, 'employeeId'>> = {
  name: 'auth.employees',
  keys: [{ column: 'CAST(SUBSTRING(e.employee_id, 2) AS UNSIGNED)', kind: 'int' }],
  direction: 'ASC',
  positionOf: (e) => [Number(e.employeeId.slice(1))],
};

@Injectable()
export class EmployeeQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EmployeeRoles) private readonly roles: EmployeeRoles,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  /** Oldest ID first, keyset-paged. */
  async list(q: ListEmployeesQuery): Promise<ListPage<EmployeeView>> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const query = new KeysetQuery(EMPLOYEE_LIST).equal('e.status', q.status).equal('e.department', q.department || undefined);
    if (q.name)
      query.where(
        "e.name LIKE CONCAT('%', ?, '%')",
        q.name.replace(/[\\%_]/g, (c) => `\\${c}`),
      );
    if (q.role) query.where('EXISTS (SELECT 1 FROM employee_role er WHERE er.employee_id = e.employee_id AND er.role_name = ?)', q.role);
    query.after(q.cursor === undefined ? undefined : this.cursors.decode(EMPLOYEE_LIST, q.cursor));
    const rows = await query.applyTo(this.dataSource.getRepository(EmployeeEntity).createQueryBuilder('e'), limit).getMany();
    const roles = await this.roles.rolesOfMany(rows.map((e) => e.employeeId));
    return toPage(EMPLOYEE_LIST, this.cursors, rows, limit, (e) => toEmployeeView(e, roles.get(e.employeeId) ?? []));
  }

  async get(employeeId: string): Promise<EmployeeView> {
    const e = await this.find(employeeId);
    return toEmployeeView(e, await this.roles.rolesOf(employeeId));
  }

  async publicProfile(employeeId: string): Promise<EmployeePublicProfile> {
    const e = await this.find(employeeId);
    return toPublicProfile(e, await this.roles.rolesOf(employeeId));
  }

  private async find(employeeId: string): Promise<EmployeeEntity> {
    const e = await this.dataSource.getRepository(EmployeeEntity).findOneBy({ employeeId });
    if (!e) throw new CrmError(ErrorCode.NotFound, `employee ${employeeId} not found`);
    return e;
  }
}
