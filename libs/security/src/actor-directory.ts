import type { EmployeeSessionState } from '@crm/contracts';

/**
 * Where the live state of an employee comes from when this process does not remember it: `auth`
 * reads its own tables; every other app asks `auth` over the broker. Unknown employees come back
 * as inactive, never as an error, so every app answers them with 4010.
 */
export abstract class ActorDirectory {
  abstract session(employeeId: string): Promise<EmployeeSessionState>;
}
