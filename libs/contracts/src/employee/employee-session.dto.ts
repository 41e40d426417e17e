import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { ScopedApp, ScopeGrant } from '../access/data-scope.js';

/** Internal: an app asks `auth` for the live state of an employee whose access token it holds. */
export const EMPLOYEE_SESSION_V1 = 'auth.employee.session.v1';

export class EmployeeSessionQueryDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(16)
  employeeId: string;
}

/**
 * What an app may remember about an employee for a short while: whether tokens of this session
 * version are still good, and the permissions and data scopes the employee holds *now* (role changes
 * apply at once, not when the token expires).
 */
export interface EmployeeSessionState {
  employeeId: string;
  active: boolean;
  sessionVersion: number;
  permissions: string[];
  /** The data scope per business app, resolved to owners (widest of the employee's roles). */
  scopes: Partial<Record<ScopedApp, ScopeGrant>>;
}
