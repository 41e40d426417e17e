import { Injectable, type PipeTransform } from '@nestjs/common';
import { CrmError, EMPLOYEE_ID_RE, ErrorCode } from '@crm/contracts';
import type { Operator } from '@crm/security';
import type { Actor } from '../operation/actor.js';

/** `:id` route parameters must be employee IDs (4220 otherwise, before any database work). */
@Injectable()
export class EmployeeIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !EMPLOYEE_ID_RE.test(value)) {
      throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [
        { field: 'employeeId', reasons: ['must look like E100001'] },
      ]);
    }
    return value;
  }
}

export function actorOf(operator: Operator): Actor {
  return { type: 'employee', id: operator.employeeId };
}
