/**
 * Every permission an app checks (SPEC §3.3, §6.0), with what it allows. Handlers name permissions
 * only through these keys (`@RequirePermission`, `@RequirePermissions` fail to compile otherwise).
 * A new key reaches the seeded roles through a new `auth` migration that lists it by value; the
 * migrations never read this object, so editing it cannot change what a fresh database gets.
 */
export const PERMISSIONS = {
  // identity and audit (apps `auth`, `audit`)
  'access.review': 'run the periodic access review and confirm or revoke what it lists',
  'audit.alert.ack': 'acknowledge audit alerts',
  'audit.export': 'export audit records and take backups',
  'audit.purge': 'purge audit records past their retention',
  'audit.read': 'read the call log, the operation log, alerts and integrity reports',
  'caller.manage': 'create, rotate, disable and unlock system callers',
  'employee.approve': 'approve or reject a filed employee (not their own filing)',
  'employee.manage': 'file, edit, disable and enable employees',
  'employee.read': 'read employees, roles and permissions',
  'role.manage': "change roles, their permissions and data scopes, employees' roles and teams",
  // personal fields of accounts and contacts (`sales`); the key keeps its first name (SPEC §6.0's example)
  'customer.pii.read': 'read the personal fields of accounts and contacts (phone, e-mail, ID numbers) unmasked; each read is logged',
  // EOMS work orders (`service`)
  'workorder.read': 'read EOMS work orders',
  'workorder.update': 'accept work orders and send stage and final replies to EOMS',
  // marketing
  'lead.read': 'read leads',
  'lead.write': 'capture, edit, merge, assign and convert leads',
  'campaign.read': 'read campaigns, their steps and members',
  'campaign.write': 'plan and run campaigns',
  'plan.read': 'read market plans and their progress',
  'plan.write': 'edit market plans and KPI targets',
  'competitor.read': 'read competitors and competitor analysis',
  'competitor.write': 'edit competitors',
  'document.read': 'read the shared collateral library',
  'document.write': 'add and edit collateral in the shared library',
  // sales
  'account.read': 'read accounts and contacts',
  'account.write': 'create and edit accounts and contacts',
  'opportunity.read': 'read opportunities',
  'opportunity.write': 'create, edit and close opportunities',
  'pipeline.manage': 'create and edit sales pipelines and their stages (administrators)',
  'product.read': 'read the product catalogue and price books',
  'product.write': 'edit the product catalogue and price books',
  'quote.read': 'read quotes',
  'quote.write': 'create and revise quotes',
  'quote.approve': "approve a quote's discount above the threshold (not one's own quote)",
  'contract.read': 'read contracts',
  'contract.write': 'create, activate, renew and terminate contracts',
  'team.read': 'read sales teams and quotas',
  'team.write': 'edit sales teams and quotas',
  'territory.read': 'read territories and their assignment rules',
  'territory.write': 'edit territories and realign them',
  'partner.read': 'read channel partners and deal registrations',
  'partner.write': 'edit channel partners and decide deal registrations',
  'analysis.read': 'run business analysis (pipeline, win rate, forecast, revenue) within the data scope',
  // service
  'case.read': 'read cases',
  'case.write': 'create, assign, transition and close cases',
  'knowledge.read': 'read and search knowledge articles',
  'knowledge.write': 'write and submit knowledge article drafts',
  'knowledge.publish': "approve and publish knowledge articles (not one's own)",
  'asset.read': 'read assets and check entitlements',
  'sla.manage': 'edit SLA policies and business calendars',
  'workflow.manage': 'edit workflow rules',
} as const satisfies Record<string, string>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, value);
}
