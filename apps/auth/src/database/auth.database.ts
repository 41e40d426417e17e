import { Inbox1763882000000 } from '@crm/inbox';
import { OUTBOX_ENTITIES, OUTBOX_MIGRATIONS } from '@crm/outbox';
import { CallerLockout1763881530000 } from '../caller/1763881530000-caller-lockout.migration.js';
import { CallerCredentialEntity } from '../caller/caller-credential.entity.js';
import { CallerLockoutEntity } from '../caller/caller-lockout.entity.js';
import { CallerEntity } from '../caller/caller.entity.js';
import { EmployeeEntity } from '../employee/employee.entity.js';
import { DevMailbox1764400200000 } from '../notifier/1764400200000-dev-mailbox.migration.js';
import { DevMailboxEntity } from '../notifier/dev-mailbox.entity.js';
import { PasswordHistoryEntity } from '../password/password-history.entity.js';
import { PasswordResetCodeEntity } from '../password-reset/password-reset-code.entity.js';
import { AccessReview1763881002000 } from '../review/1763881002000-access-review.migration.js';
import { AccessReviewEntity } from '../review/access-review.entity.js';
import { Roles1763881001000 } from '../role/1763881001000-roles.migration.js';
import { PermissionsAndScopes1763881500000 } from '../role/1763881500000-permissions-and-scopes.migration.js';
import { PipelinePermission1764000300000 } from '../role/1764000300000-pipeline-permission.migration.js';
import { EmployeeRoleEntity, PermissionEntity, RoleEntity, RolePermissionEntity } from '../role/role.entity.js';
import { EmployeeSession1763880950000 } from '../session/1763880950000-employee-session.migration.js';
import { EmployeeRecoveryCodeEntity } from '../two-factor/employee-recovery-code.entity.js';
import { TeamMember1763881510000 } from '../team/1763881510000-team-member.migration.js';
import { SalesTeamSource1764000500900 } from '../team/1764000500900-sales-team-source.migration.js';
import { EmployeeTotpEntity } from '../two-factor/employee-totp.entity.js';
import { AuthSchema1763880100000 } from './1763880100000-auth-schema.migration.js';
import { EmployeeProfile1763880900000 } from './1763880900000-employee-profile.migration.js';
import { Credentials1763881100000 } from './1763881100000-credentials.migration.js';
import { AccountPermissions1764000130000 } from '../role/1764000130000-account-permissions.migration.js';

/** The auth app's schema, listed explicitly (shared by the app and the admin CLI). */
export const AUTH_ENTITIES = [
  CallerEntity,
  CallerCredentialEntity,
  CallerLockoutEntity,
  EmployeeEntity,
  // identity: roles, access review, the outbox (operation log, events)
  RoleEntity,
  PermissionEntity,
  RolePermissionEntity,
  EmployeeRoleEntity,
  AccessReviewEntity,
  ...OUTBOX_ENTITIES,
  // credentials: passwords, two-factor, forgot password, development mailbox
  PasswordHistoryEntity,
  EmployeeTotpEntity,
  EmployeeRecoveryCodeEntity,
  PasswordResetCodeEntity,
  DevMailboxEntity,
];
export const AUTH_MIGRATIONS = [
  AuthSchema1763880100000,
  EmployeeProfile1763880900000,
  EmployeeSession1763880950000,
  ...OUTBOX_MIGRATIONS,
  Roles1763881001000,
  AccessReview1763881002000,
  Credentials1763881100000,
  PermissionsAndScopes1763881500000,
  TeamMember1763881510000,
  CallerLockout1763881530000,
  DevMailbox1764400200000,
  Inbox1763882000000,
  AccountPermissions1764000130000,
  PipelinePermission1764000300000,
  SalesTeamSource1764000500900,
];
