import { ApiProperty } from '@nestjs/swagger';
import type { ApprovedEmployee } from '../employee-lifecycle.service.js';
import type { EmployeeView } from '../employee.view.js';
import { EMPLOYEE_STATUSES } from './list-employees.query.js';

/** The HTTP answer's schema of an employee (EmployeeView). */
export class EmployeeResponse implements EmployeeView {
  @ApiProperty({ example: 'E100003' })
  employeeId: string;
  @ApiProperty()
  name: string;
  @ApiProperty({ type: String, nullable: true })
  department: string | null;
  @ApiProperty({ type: String, nullable: true })
  position: string | null;
  @ApiProperty({ type: String, nullable: true })
  phone: string | null;
  @ApiProperty({ type: String, nullable: true })
  email: string | null;
  @ApiProperty({ enum: EMPLOYEE_STATUSES })
  status: (typeof EMPLOYEE_STATUSES)[number];
  @ApiProperty({ type: [String] })
  roles: string[];
  @ApiProperty({ type: String, nullable: true, description: 'employee ID of who filed the onboarding' })
  filedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'employee ID of who approved or rejected it' })
  decidedBy: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  decisionNote: string | null;
  @ApiProperty({ description: 'true until the first own password is chosen' })
  passwordChangeRequired: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  initialPasswordExpiresAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  lastLoginAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  lastReviewedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  disabledAt: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class ApprovedEmployeeResponse implements ApprovedEmployee {
  @ApiProperty({ type: EmployeeResponse })
  employee: EmployeeResponse;
  @ApiProperty({ description: 'Shown once, in this answer only; the employee must change it at first login' })
  initialPassword: string;
}

export class EmployeeRolesResponse {
  @ApiProperty({ example: 'E100003' })
  employeeId: string;
  @ApiProperty({ type: [String], example: ['sales', 'manager'] })
  roles: string[];
}
