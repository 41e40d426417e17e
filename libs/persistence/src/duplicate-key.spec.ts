import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { duplicateKeyName, isDuplicateKey } from './duplicate-key.js';

const mariaDup = (key: string) =>
  Object.assign(new Error(`Duplicate entry 'a@b.cn' for key '${key}'`), {
    code: 'ER_DUP_ENTRY',
    errno: 1062,
    sqlMessage: `Duplicate entry 'a@b.cn' for key '${key}'`,
  });

describe('isDuplicateKey', () => {
  it('recognises ER_DUP_ENTRY however it arrives: TypeORM QueryFailedError, bare driver error, errno only', () => {
    expect(isDuplicateKey(new QueryFailedError('INSERT …', [], mariaDup('uq_employee_email')))).toBe(true);
    expect(isDuplicateKey(mariaDup('PRIMARY'))).toBe(true);
    expect(isDuplicateKey({ driverError: { errno: 1062 } })).toBe(true);
  });

  it('is false for other database errors and for non-errors', () => {
    expect(
      isDuplicateKey(
        new QueryFailedError('SELECT …', [], Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 })),
      ),
    ).toBe(false);
    expect(isDuplicateKey(Object.assign(new Error('no'), { code: 'ER_NO_REFERENCED_ROW_2', errno: 1452 }))).toBe(false);
    expect(isDuplicateKey(new Error('Duplicate entry (only the text)'))).toBe(false);
    for (const v of [null, undefined, 'ER_DUP_ENTRY', 1062]) expect(isDuplicateKey(v)).toBe(false);
  });

  it('names the key that was hit (MariaDB and MySQL 8 spellings)', () => {
    expect(duplicateKeyName(new QueryFailedError('INSERT …', [], mariaDup('uq_employee_phone')))).toBe('uq_employee_phone');
    expect(duplicateKeyName(mariaDup('employee.uq_employee_email'))).toBe('uq_employee_email');
    expect(duplicateKeyName(new Error("Duplicate entry 'x' for key 'k'"))).toBeNull();
  });
});
