import { CallerCredentialEntity } from '../caller/caller-credential.entity.js';
import { CallerEntity } from '../caller/caller.entity.js';
import { EmployeeEntity } from '../employee/employee.entity.js';
import { NotificationOutboxEntity } from '../notifier/notification-outbox.entity.js';
import { PasswordHistoryEntity } from '../password/password-history.entity.js';
import { PasswordResetCodeEntity } from '../password-reset/password-reset-code.entity.js';
import { EmployeeRecoveryCodeEntity } from '../two-factor/employee-recovery-code.entity.js';
import { EmployeeTotpEntity } from '../two-factor/employee-totp.entity.js';
import { AuthSchema1763880100000 } from './1763880100000-auth-schema.migration.js';
import { EmployeeProfile1763880900000 } from './1763880900000-employee-profile.migration.js';
import { Credentials1763881100000 } from './1763881100000-credentials.migration.js';

/** Tables of the credentials work (passwords, two-factor, forgot password, dev outbox). */
const CREDENTIAL_ENTITIES = [PasswordHistoryEntity, EmployeeTotpEntity, EmployeeRecoveryCodeEntity, PasswordResetCodeEntity, NotificationOutboxEntity];

/** The auth app's schema, listed explicitly (shared by the app and the admin CLI). */
export const AUTH_ENTITIES = [CallerEntity, CallerCredentialEntity, EmployeeEntity, ...CREDENTIAL_ENTITIES];
export const AUTH_MIGRATIONS = [AuthSchema1763880100000, EmployeeProfile1763880900000, Credentials1763881100000];
