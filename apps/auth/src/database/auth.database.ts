import { CallerCredentialEntity } from '../caller/caller-credential.entity.js';
import { CallerEntity } from '../caller/caller.entity.js';
import { EmployeeEntity } from '../employee/employee.entity.js';
import { OutboxMessage1763881000000, OutboxMessageEntity } from '@crm/outbox';
import { AccessReview1763881002000 } from '../review/1763881002000-access-review.migration.js';
import { AccessReviewEntity } from '../review/access-review.entity.js';
import { Roles1763881001000 } from '../role/1763881001000-roles.migration.js';
import { EmployeeRoleEntity, PermissionEntity, RoleEntity, RolePermissionEntity } from '../role/role.entity.js';
import { AuthSchema1763880100000 } from './1763880100000-auth-schema.migration.js';
import { EmployeeProfile1763880900000 } from './1763880900000-employee-profile.migration.js';
import { EmployeeSession1763880950000 } from '../session/1763880950000-employee-session.migration.js';

/** The auth app's schema, listed explicitly (shared by the app and the admin CLI). */
export const AUTH_ENTITIES = [
  CallerEntity,
  CallerCredentialEntity,
  EmployeeEntity,
  // identity (issue 3): roles, access review, operation-log outbox
  RoleEntity,
  PermissionEntity,
  RolePermissionEntity,
  EmployeeRoleEntity,
  AccessReviewEntity,
  OutboxMessageEntity,
];
export const AUTH_MIGRATIONS = [
  AuthSchema1763880100000,
  EmployeeProfile1763880900000,
  EmployeeSession1763880950000,
  // identity (issue 3)
  OutboxMessage1763881000000,
  Roles1763881001000,
  AccessReview1763881002000,
];
