import { describe, expect, it } from '@jest/globals';
import { CrmError, ErrorCode } from '@crm/contracts';
import { actorOf, EmployeeIdPipe } from './employee-id.pipe.js';

describe('EmployeeIdPipe', () => {
  const pipe = new EmployeeIdPipe();

  it('passes employee IDs', () => {
    expect(pipe.transform('E100001')).toBe('E100001');
  });

  it.each([['e100001'], ['E'], ['100001'], ["E1' OR 1=1"], ['E1234567890123456'], [undefined]])('answers 4220 for %j', (value) => {
    let code: ErrorCode | undefined;
    try {
      pipe.transform(value);
    } catch (e) {
      code = e instanceof CrmError ? e.code : undefined;
    }
    expect(code).toBe(ErrorCode.ValidationFailed);
  });

  it('makes the operator the acting employee', () => {
    expect(actorOf({ employeeId: 'E100007', permissions: [] })).toEqual({ type: 'employee', id: 'E100007' });
  });
});
