import type { EmployeePublicProfile } from '@crm/contracts';
import type { EmployeeEntity, EmployeeStatus } from './employee.entity.js';

/**
 * An employee as operators see it over HTTP and the CLI. Built field by field so that nothing
 * secret (password hash, session version, failure counters) can leak by adding a column.
 */
export interface EmployeeView {
  employeeId: string;
  name: string;
  department: string | null;
  position: string | null;
  phone: string | null;
  email: string | null;
  status: EmployeeStatus;
  roles: string[];
  filedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  passwordChangeRequired: boolean;
  initialPasswordExpiresAt: string | null;
  lastLoginAt: string | null;
  lastReviewedAt: string | null;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export function toEmployeeView(e: EmployeeEntity, roles: string[]): EmployeeView {
  return {
    employeeId: e.employeeId,
    name: e.name,
    department: e.department,
    position: e.position,
    phone: e.phone,
    email: e.email,
    status: e.status,
    roles,
    filedBy: e.filedBy,
    decidedBy: e.decidedBy,
    decidedAt: iso(e.decidedAt),
    decisionNote: e.decisionNote,
    passwordChangeRequired: !!e.passwordChangeRequired,
    initialPasswordExpiresAt: iso(e.initialPasswordExpiresAt),
    lastLoginAt: iso(e.lastLoginAt),
    lastReviewedAt: iso(e.lastReviewedAt),
    disabledAt: iso(e.disabledAt),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** For other apps (`auth.employee.get.v1`): who someone is, not how to reach or impersonate them. */
export function toPublicProfile(e: EmployeeEntity, roles: string[]): EmployeePublicProfile {
  return { employeeId: e.employeeId, name: e.name, department: e.department, position: e.position, status: e.status, roles };
}

/** The profile fields an edit may change, as recorded in the operation log (old → new). */
export function profileOf(e: Pick<EmployeeEntity, 'name' | 'department' | 'position' | 'phone' | 'email'>): Record<string, unknown> {
  return { name: e.name, department: e.department, position: e.position, phone: e.phone, email: e.email };
}
