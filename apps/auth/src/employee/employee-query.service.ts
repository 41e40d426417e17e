import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CrmError, ErrorCode, type EmployeePublicProfile } from '@crm/contracts';
import { EmployeeRoles } from '../role/employee-roles.js';
import type { ListEmployeesQuery } from './dto/list-employees.query.js';
import { EmployeeEntity } from './employee.entity.js';
import { toEmployeeView, toPublicProfile, type EmployeeView } from './employee.view.js';

/** Ledger number of an ID, for ordering (string order breaks when the IDs grow a digit). */
const SEQ = 'CAST(SUBSTRING(e.employee_id, 2) AS UNSIGNED)';

@Injectable()
export class EmployeeQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EmployeeRoles) private readonly roles: EmployeeRoles,
  ) {}

  /** Oldest ID first, keyset-paged: `nextCursor` is the last ID of the page. */
  async list(q: ListEmployeesQuery): Promise<{ items: EmployeeView[]; nextCursor: string | null }> {
    const limit = q.limit ?? 50;
    const qb = this.dataSource.getRepository(EmployeeEntity).createQueryBuilder('e');
    if (q.status) qb.andWhere('e.status = :status', { status: q.status });
    if (q.department) qb.andWhere('e.department = :department', { department: q.department });
    if (q.name) qb.andWhere("e.name LIKE CONCAT('%', :name, '%')", { name: q.name.replace(/[\\%_]/g, (c) => `\\${c}`) });
    if (q.role) qb.andWhere('EXISTS (SELECT 1 FROM employee_role er WHERE er.employee_id = e.employee_id AND er.role_name = :role)', { role: q.role });
    if (q.cursor) qb.andWhere(`${SEQ} > :after`, { after: Number(q.cursor.slice(1)) });
    const rows = await qb.orderBy(SEQ, 'ASC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const roles = await this.roles.rolesOfMany(page.map((e) => e.employeeId));
    return {
      items: page.map((e) => toEmployeeView(e, roles.get(e.employeeId) ?? [])),
      nextCursor: rows.length > limit ? page[page.length - 1].employeeId : null,
    };
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
