import type { DataSource } from 'typeorm';
import { EmployeeEntity } from '../employee/employee.entity.js';

/**
 * Whether an employee must use TOTP. Until roles carry their own `two_factor_required` flag, the
 * roles come from TWO_FACTOR_REQUIRED_ROLES; this is the one place to switch to the role table.
 */
export class TwoFactorRequirement {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requiredRoles: readonly string[],
  ) {}

  async requiresTwoFactor(employeeId: string): Promise<boolean> {
    if (this.requiredRoles.length === 0) return false;
    const e = await this.dataSource.getRepository(EmployeeEntity).findOne({ where: { employeeId }, select: { employeeId: true, roles: true } });
    return !!e && e.roles.some((r) => this.requiredRoles.includes(r.toLowerCase()));
  }
}
