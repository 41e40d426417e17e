import { Logger } from '@nestjs/common';
import type { DataSource, Repository } from 'typeorm';
import { CrmError, ErrorCode, type OperationChange } from '@crm/contracts';
import { dummySecretHash } from '../caller/password-hasher.js';
import {
  DEFAULT_LOGIN_SETTINGS,
  enrolmentRequiredError,
  initialPasswordExpired,
  passwordChangeDue,
  passwordChangeRequiredError,
  secondFactorRefusedError,
  secondFactorRequiredError,
  type AuthenticateOptions,
  type LoginSettings,
} from '../password/login-policy.js';
import type { LoginFailureLog } from '../password/login-failure-log.js';
import { hashPassword, verifyPassword } from '../password/password-hashing.js';
import { EmployeeEntity } from './employee.entity.js';
import { checkPassword } from '../password/password-policy.js';
import { EmployeeRoles } from '../role/employee-roles.js';

export type { AuthenticateOptions, SecondFactorOutcome } from '../password/login-policy.js';

/** Longer input is refused without hashing it (a 1 MB "password" is an attack, not a password). */
const MAX_PASSWORD_INPUT = 1024;

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

  constructor(
    private readonly dataSource: DataSource,
    private readonly login: LoginSettings = DEFAULT_LOGIN_SETTINGS,
    /** Records refused logins (operation log + alert feed); the CLI, which never logs in, has none. */
    private readonly failures: LoginFailureLog | null = null,
  ) {
    this.employees = dataSource.getRepository(EmployeeEntity);
    this.roles = new EmployeeRoles(dataSource);
  }

  /** The first administrator (CLI). Further employees go through onboarding (issue 3). */
  async createAdministrator(name: string, password: string): Promise<{ employeeId: string }> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 128) throw new CrmError(ErrorCode.ValidationFailed, 'name must be 1 to 128 characters');
    checkPassword(password, { name: trimmed });
    const passwordHash = await hashPassword(password);
    const employeeId = await this.dataSource.transaction(async (m) => {
      // The ledger row is committed with the employee; a rolled-back insert burns the number, never reuses it.
      const res = await m.query('INSERT INTO employee_id_ledger () VALUES ()');
      const id = `E${String(res.insertId)}`;
      await m
        .getRepository(EmployeeEntity)
        .insert({ employeeId: id, name: trimmed, passwordHash, status: 'active', passwordChangedAt: new Date() });
      await this.roles.replace(m, id, ['administrator'], 'cli');
      return id;
    });
    this.log.log({ msg: 'administrator created', employeeId });
    return { employeeId };
  }

  /**
   * Same answer (4002) and cost for an unknown ID, a wrong password, a locked, disabled or pending
   * account and an expired initial password. Only after the password is verified: the second
   * factor (4010 missing or already used / 4002 wrong), then for a login a due password change or a missing
   * required enrolment (4030).
   */
  async authenticate(employeeId: string, password: string, opts: AuthenticateOptions = {}): Promise<AuthenticatedEmployee> {
    const e = typeof employeeId === 'string' && employeeId.length <= 16 ? await this.employees.findOneBy({ employeeId }) : null;
    const candidate = typeof password === 'string' && password.length <= MAX_PASSWORD_INPUT ? password : '';
    const ok = (await verifyPassword(e?.passwordHash ?? (await dummySecretHash()), candidate)) && candidate !== '';
    const now = new Date();
    const locked = !!e?.lockedUntil && e.lockedUntil > now;
    if (!e || !ok || locked || e.status !== 'active' || initialPasswordExpired(e, now)) {
      // Recorded for unknown IDs too, with the same work, so the answer and its cost stay alike.
      await this.recordFailure(String(employeeId), e && !ok && !locked ? e.employeeId : null, opts.source ?? null);
      this.log.warn({ msg: 'login failed', employeeId: e ? e.employeeId : null, reason: this.failureReason(e, ok, locked, now) });
      throw new CrmError(ErrorCode.InvalidCredentials);
    }
    await this.checkAfterPassword(e, opts, now);
    await this.employees.update(
      { employeeId: e.employeeId },
      opts.purpose === 'reauthentication' ? { failedLogins: 0 } : { failedLogins: 0, lastLoginAt: now },
    );
    return {
      employeeId: e.employeeId,
      name: e.name,
      permissions: await this.roles.permissionsOf(e.employeeId),
      sessionVersion: e.sessionVersion,
    };
  }

  /** Second factor, then (logins only) the 4030 conditions, in the order a new employee meets them. */
  private async checkAfterPassword(e: EmployeeEntity, opts: AuthenticateOptions, now: Date): Promise<void> {
    const second = opts.secondFactor ? await opts.secondFactor(e.employeeId) : 'ok';
    if (second === 'missing') throw secondFactorRequiredError();
    if (second === 'invalid' || second === 'replayed') {
      await this.recordFailure(e.employeeId, e.employeeId, opts.source ?? null);
      this.log.warn({
        msg: 'login failed',
        employeeId: e.employeeId,
        reason: second === 'invalid' ? 'second factor' : 'second factor replayed',
      });
      throw secondFactorRefusedError(second);
    }
    if (opts.purpose === 'reauthentication') return;
    if (passwordChangeDue(e, now, this.login.passwordMaxAgeDays)) throw passwordChangeRequiredError();
    if (second === 'enrolment-required') throw enrolmentRequiredError();
  }

  /** For the operator log only; the caller always gets the same 4002. */
  private failureReason(e: EmployeeEntity | null, ok: boolean, locked: boolean, now: Date): string {
    if (!e) return 'unknown';
    if (locked) return 'locked';
    if (!ok) return 'password';
    if (e.status !== 'active') return `status ${e.status}`;
    return initialPasswordExpired(e, now) ? 'initial password expired' : 'other';
  }

  /**
   * One refused login of the typed ID: counts towards the lock of `counted` (a known account whose
   * password was wrong and that is not locked yet) under a row lock, and records the failure, in
   * one transaction.
   */
  private async recordFailure(typed: string, counted: string | null, source: string | null): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const changes: OperationChange[] = [];
      let locked = false;
      if (counted) {
        const repo = m.getRepository(EmployeeEntity);
        const row = await repo.findOneOrFail({ where: { employeeId: counted }, lock: { mode: 'pessimistic_write' } });
        const failures = row.failedLogins + 1;
        locked = failures >= this.login.maxFailures;
        if (locked) {
          const lockedUntil = new Date(Date.now() + this.login.lockMs);
          await repo.update({ employeeId: counted }, { lockedUntil, failedLogins: 0 });
          changes.push({ field: 'lockedUntil', old: null, new: lockedUntil.toISOString() });
          this.log.warn({ msg: 'employee login locked', employeeId: counted });
        } else {
          await repo.update({ employeeId: counted }, { failedLogins: failures });
          changes.push({ field: 'failedLogins', old: row.failedLogins, new: failures });
        }
      }
      await this.failures?.record(m, { employeeId: typed, source, locked, changes });
    });
  }
}
