import { CallerCredentialEntity } from '../caller/caller-credential.entity.js';
import { CallerEntity } from '../caller/caller.entity.js';
import { EmployeeEntity } from '../employee/employee.entity.js';
import { AuthSchema1763880100000 } from './1763880100000-auth-schema.migration.js';
import { EmployeeProfile1763880900000 } from './1763880900000-employee-profile.migration.js';
import { EmployeeSession1763880950000 } from '../session/1763880950000-employee-session.migration.js';

/** The auth app's schema, listed explicitly (shared by the app and the admin CLI). */
export const AUTH_ENTITIES = [CallerEntity, CallerCredentialEntity, EmployeeEntity];
export const AUTH_MIGRATIONS = [AuthSchema1763880100000, EmployeeProfile1763880900000, EmployeeSession1763880950000];
