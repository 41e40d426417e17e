import type { EmployeeRoles } from '../role/employee-roles.js';

/**
 * Whether an employee must use TOTP: any of their roles has `two_factor_required` (set per role by
 * administrators; seeded for administrator and auditor), or is listed in TWO_FACTOR_REQUIRED_ROLES
 * (an installation-wide floor that a role edit cannot lower).
 */
export class TwoFactorRequirement {
  constructor(
    private readonly roles: EmployeeRoles,
    private readonly requiredRoles: readonly string[],
  ) {}

  async requiresTwoFactor(employeeId: string): Promise<boolean> {
    if (await this.roles.requiresTwoFactor(employeeId)) return true;
    if (this.requiredRoles.length === 0) return false;
    return (await this.roles.rolesOf(employeeId)).some((r) => this.requiredRoles.includes(r.toLowerCase()));
  }
}
