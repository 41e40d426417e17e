import type { EntityManager } from 'typeorm';
import { CrmError, ErrorCode } from '@crm/contracts';
import type { EmployeeRoles } from './employee-roles.js';

/** 4220 naming the roles that do not exist. */
export async function assertRolesExist(manager: EntityManager, roles: readonly string[], field = 'roles'): Promise<void> {
  if (roles.length === 0) return;
  const found: Array<{ name: string }> = await manager.query('SELECT name FROM role WHERE name IN (?)', [[...new Set(roles)]]);
  const known = new Set(found.map((r) => r.name));
  const unknown = [...new Set(roles)].filter((r) => !known.has(r));
  if (unknown.length)
    throw new CrmError(ErrorCode.ValidationFailed, 'unknown role', [{ field, reasons: [`unknown role(s): ${unknown.join(', ')}`] }]);
}

/** Refuses (4090) a change that would leave no active employee able to administer roles. */
export async function assertRoleAdministratorRemains(manager: EntityManager, roles: EmployeeRoles): Promise<void> {
  if ((await roles.activeRoleAdministrators(manager)) === 0) {
    throw new CrmError(ErrorCode.Conflict, 'this change would leave no active employee with role.manage');
  }
}
