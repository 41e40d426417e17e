import { Matches } from 'class-validator';

/** Employee IDs as issued from auth's ledger: `E` followed by the ledger number. */
export const EMPLOYEE_ID_RE = /^E[0-9]{1,15}$/;

/** Another app reads an employee's public profile (e.g. to show who handled a case). */
export const EMPLOYEE_GET_V1 = 'auth.employee.get.v1';

export class GetEmployeeDto {
  @Matches(EMPLOYEE_ID_RE, { message: 'employeeId must look like E100001' })
  employeeId: string;
}

export type EmployeeStatusName = 'pending' | 'rejected' | 'active' | 'disabled';

/** What other apps may know about an employee: no contact data, no credentials. */
export interface EmployeePublicProfile {
  employeeId: string;
  name: string;
  department: string | null;
  position: string | null;
  status: EmployeeStatusName;
  roles: string[];
}

/**
 * Published once per employee and overdue period when an active ID has not been reviewed within
 * ACCESS_REVIEW_INTERVAL_DAYS (SPEC §3.3 periodic access review).
 */
export const ACCESS_REVIEW_OVERDUE_V1 = 'auth.access-review.overdue.v1';
export interface AccessReviewOverdueData {
  employeeId: string;
  /** When the review fell due (last review, else activation, plus the interval). */
  dueAt: string;
  lastReviewedAt: string | null;
  roles: string[];
}

/**
 * Published (through auth's outbox) for every refused `POST /auth/login` and password
 * re-authentication, known ID or not; audit's `login-failures` rule counts them per employee ID.
 * Never carries the password.
 */
export const LOGIN_FAILED_V1 = 'auth.login.failed.v1';
export interface LoginFailedData {
  /** The employee ID as typed (cut to 64 characters); it need not exist. */
  employeeId: string;
  /** The client's address (TCP peer), or null when unknown. */
  source: string | null;
  /** Whether this failure locked the account. */
  locked: boolean;
}
