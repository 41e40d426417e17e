/**
 * Roles as sets of permissions. Seeded defaults; the full role administration (issue 3) moves them
 * into tables. One spelling per permission, `<area>.<verb>`.
 */
export const ROLE_PERMISSIONS: Record<string, readonly string[]> = {
  administrator: ['audit.read', 'audit.purge', 'caller.manage', 'employee.manage', 'employee.approve', 'customer.read', 'customer.write', 'workorder.read', 'workorder.update'],
  auditor: ['audit.read'],
  sales: ['customer.read', 'customer.write'],
  'service-agent': ['customer.read', 'workorder.read', 'workorder.update'],
  marketing: ['customer.read'],
  manager: ['customer.read', 'workorder.read', 'employee.manage'],
};

export function permissionsOf(roles: string[]): string[] {
  return [...new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []))].sort();
}
