import { Logger } from '@nestjs/common';
import type { DataSource, Repository } from 'typeorm';
import { CrmError, ErrorCode } from '@crm/contracts';
import { dummySecretHash, hashSecret, verifySecret } from '../caller/password-hasher.js';
import { EmployeeEntity } from './employee.entity.js';
import { checkPassword } from './password-policy.js';
import { EmployeeRoles } from '../role/employee-roles.js';

const MAX_LOGIN_FAILURES = 5;
const LOGIN_LOCK_MS = 15 * 60_000;

export interface AuthenticatedEmployee {
  employeeId: string;
  name: string;
  permissions: string[];
  sessionVersion: number;
}

/** Employees as far as operator login needs them: IDs from the ledger, argon2id passwords, lockout. */
export class EmployeeService {
  private readonly log = new Logger('EmployeeService');
  private readonly employees: Repository<EmployeeEntity>;
  private readonly roles: EmployeeRoles;

  constructor(private readonly dataSource: DataSource) {
    this.employees = dataSource.getRepository(EmployeeEntity);
    this.roles = new EmployeeRoles(dataSource);
  }

  /** The first administrator (CLI). Further employees go through onboarding (issue 3). */
  async createAdministrator(name: string, password: string): Promise<{ employeeId: string }> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 128) throw new CrmError(ErrorCode.ValidationFailed, 'name must be 1 to 128 characters');
    checkPassword(password, { name: trimmed });
    const passwordHash = await hashSecret(password);
    const employeeId = await this.dataSource.transaction(async (m) => {
      // The ledger row is committed with the employee; a rolled-back insert burns the number, never reuses it.
      const res = await m.query('INSERT INTO employee_id_ledger () VALUES ()');
      const id = `E${String(res.insertId)}`;
      await m.getRepository(EmployeeEntity).insert({ employeeId: id, name: trimmed, passwordHash, status: 'active', passwordChangedAt: new Date() });
      await this.roles.replace(m, id, ['administrator'], 'cli');
      return id;
    });
    this.log.log({ msg: 'administrator created', employeeId });
    return { employeeId };
  }

  /** Same answer and cost for an unknown ID, a wrong password, and a locked or disabled account. */
  async authenticate(employeeId: string, password: string): Promise<AuthenticatedEmployee> {
    const e = typeof employeeId === 'string' && employeeId.length <= 16 ? await this.employees.findOneBy({ employeeId }) : null;
    const ok = await verifySecret(e?.passwordHash ?? (await dummySecretHash()), typeof password === 'string' ? password : '');
    const now = new Date();
    const locked = !!e?.lockedUntil && e.lockedUntil > now;
    if (!e || !ok || locked || e.status !== 'active') {
      if (e && !ok && !locked) await this.recordFailure(e);
      this.log.warn({ msg: 'login failed', employeeId: e ? e.employeeId : null });
      throw new CrmError(ErrorCode.InvalidCredentials);
    }
    await this.employees.update({ employeeId: e.employeeId }, { failedLogins: 0, lastLoginAt: now });
    return { employeeId: e.employeeId, name: e.name, permissions: await this.roles.permissionsOf(e.employeeId), sessionVersion: e.sessionVersion };
  }

  private async recordFailure(e: EmployeeEntity): Promise<void> {
    await this.employees.increment({ employeeId: e.employeeId }, 'failedLogins', 1);
    if (e.failedLogins + 1 >= MAX_LOGIN_FAILURES) {
      await this.employees.update({ employeeId: e.employeeId }, { lockedUntil: new Date(Date.now() + LOGIN_LOCK_MS), failedLogins: 0 });
      this.log.warn({ msg: 'employee login locked', employeeId: e.employeeId });
    }
  }
}
