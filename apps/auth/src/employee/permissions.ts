/**
 * Roles as sets of permissions. Seeded defaults; the full role administration (issue 3) moves them
 * into tables. One spelling per permission, `<area>.<verb>`.
 */
export const ROLE_PERMISSIONS: Record<string, readonly string[]> = {
  administrator: [
    'audit.read', 'audit.export', 'audit.alert.ack', 'audit.purge', 'caller.manage', 'employee.read', 'employee.manage', 'employee.approve',
    'role.manage', 'access.review', 'customer.read', 'customer.write', 'workorder.read', 'workorder.update',
  ],
  auditor: ['audit.read', 'audit.export', 'audit.alert.ack', 'employee.read', 'access.review'],
  sales: ['customer.read', 'customer.write'],
  'service-agent': ['customer.read', 'workorder.read', 'workorder.update'],
  marketing: ['customer.read'],
  manager: ['customer.read', 'workorder.read', 'employee.read', 'employee.manage', 'access.review'],
};

export function permissionsOf(roles: string[]): string[] {
  return [...new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []))].sort();
}
