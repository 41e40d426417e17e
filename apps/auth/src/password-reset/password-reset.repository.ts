import { IsNull, MoreThan, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { EmployeeEntity } from '../employee/employee.entity.js';
import { PasswordResetCodeEntity } from './password-reset-code.entity.js';
import type { AccountIdentifier } from './reset-code.js';

/** SQL of forgot/reset: finding the account by contact, issuing, counting and spending codes. */
export class PasswordResetRepository {
  private readonly employees: Repository<EmployeeEntity>;
  private readonly codes: Repository<PasswordResetCodeEntity>;

  constructor(dataSource: DataSource) {
    this.employees = dataSource.getRepository(EmployeeEntity);
    this.codes = dataSource.getRepository(PasswordResetCodeEntity);
  }

  /** Active employees only: a pending, rejected or disabled ID gets no code. */
  async findActive(id: AccountIdentifier): Promise<EmployeeEntity | null> {
    if (id.kind === 'email') return this.employees.findOneBy({ email: id.value, status: 'active' });
    // Phones may be stored as typed ("+86 138-0000 0000"): compare without the formatting characters.
    return this.employees
      .createQueryBuilder('e')
      .where('e.status = :active', { active: 'active' })
      .andWhere(
        "(e.phone = :phone OR REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(e.phone, ' ', ''), '-', ''), '(', ''), ')', ''), '.', '') = :phone)",
        { phone: id.value },
      )
      .getOne();
  }

  /** A new code supersedes the employee's earlier unused ones. */
  async issue(employeeId: string, codeHash: string, expiresAt: Date): Promise<void> {
    await this.codes.manager.transaction(async (m) => {
      const repo = m.getRepository(PasswordResetCodeEntity);
      await repo.update({ employeeId, usedAt: IsNull() }, { usedAt: new Date() });
      await repo.insert({ employeeId, codeHash, expiresAt, usedAt: null, attempts: 0 });
    });
  }

  /** The one live code: newest, unused, unexpired, attempts left. */
  async live(employeeId: string, maxAttempts: number, now: Date): Promise<PasswordResetCodeEntity | null> {
    const row = await this.codes.findOne({ where: { employeeId, usedAt: IsNull(), expiresAt: MoreThan(now) }, order: { id: 'DESC' } });
    return row && row.attempts < maxAttempts ? row : null;
  }

  async countWrongAttempt(id: string): Promise<void> {
    await this.codes.increment({ id }, 'attempts', 1);
  }

  /** Spends the code inside the password change's transaction; false if it was spent meanwhile. */
  async spend(m: EntityManager, id: string): Promise<boolean> {
    const res = await m.getRepository(PasswordResetCodeEntity).update({ id, usedAt: IsNull() }, { usedAt: new Date() });
    return res.affected === 1;
  }
}
