import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, ErrorCode } from '@crm/contracts';
import type { ChangeRecorder } from '@crm/outbox';
import { EmployeeEntity } from '../employee/employee.entity.js';
import type { EmployeeService } from '../employee/employee.service.js';
import type { SessionRevoker } from '../session/session-revoker.js';
import type { SecondFactorInput, TwoFactorService } from '../two-factor/two-factor.service.js';
import type { PasswordHistoryRepository } from './password-history.repository.js';
import { hashPassword, verifyPassword } from './password-hashing.js';
import { checkPassword } from './password-policy.js';

export interface PasswordRules {
  /** Recent passwords that may not be reused (PASSWORD_HISTORY). */
  history: number;
  /** PASSWORD_BLOCKLIST_WORDS. */
  companyWords: readonly string[];
}

export interface ChangePasswordInput extends SecondFactorInput {
  employeeId: string;
  currentPassword: string;
  newPassword: string;
}

/**
 * Setting an employee password, by change (re-authenticated with the current one, works with an
 * initial password) or by reset: policy, history, argon2id, flags cleared, lockout cleared, all
 * sessions ended, operation log.
 */
export class PasswordService {
  private readonly log = new Logger('PasswordService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: PasswordRules,
    private readonly employees: EmployeeService,
    private readonly twoFactor: TwoFactorService,
    private readonly history: PasswordHistoryRepository,
    private readonly revoker: SessionRevoker,
    private readonly changes: ChangeRecorder,
  ) {}

  async change(input: ChangePasswordInput): Promise<{ employeeId: string; passwordChangedAt: string }> {
    await this.employees.authenticate(input.employeeId, input.currentPassword, {
      purpose: 'reauthentication',
      secondFactor: this.twoFactor.secondFactorFor(input),
    });
    const at = await this.setPassword(input.employeeId, input.newPassword, 'password-changed');
    return { employeeId: input.employeeId, passwordChangedAt: at.toISOString() };
  }

  /**
   * Policy and history first (4220, nothing changed), then one transaction: the hash, the flags,
   * the history row, the operation-log entry, and `inTransaction` (the reset claims its code there,
   * so a code is spent only together with the change). Sessions end after the commit.
   */
  async setPassword(
    employeeId: string,
    newPassword: string,
    reason: 'password-changed' | 'password-reset',
    inTransaction?: (m: EntityManager) => Promise<void>,
  ): Promise<Date> {
    const e = await this.dataSource.getRepository(EmployeeEntity).findOneBy({ employeeId });
    if (!e) throw new CrmError(ErrorCode.NotFound, 'employee not found');
    checkPassword(newPassword, { employeeId, name: e.name, companyWords: this.rules.companyWords }, 'newPassword');
    await this.refuseRecent(e, newPassword);
    const passwordHash = await hashPassword(newPassword);
    const now = new Date();
    await this.dataSource.transaction(async (m) => {
      if (inTransaction) await inTransaction(m);
      await m.getRepository(EmployeeEntity).update(
        { employeeId },
        {
          passwordHash,
          passwordChangeRequired: false,
          passwordChangedAt: now,
          initialPasswordExpiresAt: null,
          failedLogins: 0,
          lockedUntil: null,
        },
      );
      await this.history.add(m, employeeId, passwordHash, this.rules.history);
      // Both hashes are masked: the entry says that the password changed, never what it was or became.
      const action = reason === 'password-reset' ? 'password-reset' : 'password-change';
      await this.changes.record(
        m,
        { caller: null, employeeId },
        { entity: 'employee', entityId: employeeId, action, before: { password: e.passwordHash }, after: { password: passwordHash } },
      );
      await this.revoker.revokeAll(m, employeeId, reason);
    });
    this.log.log({ msg: reason === 'password-reset' ? 'password reset' : 'password changed', employeeId });
    return now;
  }

  /** The current password and the last PASSWORD_HISTORY ones (argon2id hashes) may not come back. */
  private async refuseRecent(e: EmployeeEntity, newPassword: string): Promise<void> {
    if (this.rules.history <= 0) return;
    const hashes = [
      ...new Set([e.passwordHash, ...(await this.history.recentHashes(e.employeeId, this.rules.history))].filter((h): h is string => !!h)),
    ];
    const matches = await Promise.all(hashes.map((h) => verifyPassword(h, newPassword)));
    if (matches.some(Boolean)) {
      throw new CrmError(ErrorCode.ValidationFailed, 'password does not meet the policy', [
        { field: 'newPassword', reasons: [`must not be one of the last ${this.rules.history} passwords`] },
      ]);
    }
  }
}
