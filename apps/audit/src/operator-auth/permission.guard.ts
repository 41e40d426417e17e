// Moved to @crm/security (shared by auth and audit); kept so audit's imports stay stable.
export { PermissionGuard, RequirePermissions } from '@crm/security';
