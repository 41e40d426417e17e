import { IsNull, type DataSource, type Repository } from 'typeorm';
import type { SealedSecret } from '@crm/security';
import { EmployeeRecoveryCodeEntity } from './employee-recovery-code.entity.js';
import { EmployeeTotpEntity } from './employee-totp.entity.js';

export interface TotpRecord {
  sealed: SealedSecret;
  confirmed: boolean;
}

/** SQL of the two-factor feature. Claims are single conditional UPDATEs, so two concurrent logins cannot both spend one code. */
export class TwoFactorRepository {
  private readonly totp: Repository<EmployeeTotpEntity>;
  private readonly codes: Repository<EmployeeRecoveryCodeEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.totp = dataSource.getRepository(EmployeeTotpEntity);
    this.codes = dataSource.getRepository(EmployeeRecoveryCodeEntity);
  }

  async find(employeeId: string): Promise<TotpRecord | null> {
    const row = await this.totp.findOneBy({ employeeId });
    if (!row) return null;
    return { sealed: { keyId: row.keyId, iv: row.iv, ciphertext: row.ciphertext, tag: row.tag }, confirmed: row.confirmedAt !== null };
  }

  /** A new, unconfirmed secret (replaces an earlier unfinished enrolment). */
  async savePending(employeeId: string, sealed: SealedSecret): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(EmployeeRecoveryCodeEntity).delete({ employeeId });
      await m.getRepository(EmployeeTotpEntity).delete({ employeeId });
      await m.getRepository(EmployeeTotpEntity).insert({ employeeId, ...sealed, confirmedAt: null, lastUsedStep: null });
    });
  }

  /**
   * Records `step` as used if it is later than every step used before; false means replay (or the
   * record is not in the expected confirmation state). `confirm` also marks the enrolment confirmed.
   */
  async claimStep(employeeId: string, step: number, mode: 'confirm' | 'use'): Promise<boolean> {
    const qb = this.totp
      .createQueryBuilder()
      .update(EmployeeTotpEntity)
      .set(mode === 'confirm' ? { lastUsedStep: String(step), confirmedAt: () => 'CURRENT_TIMESTAMP(3)' } : { lastUsedStep: String(step) })
      .where('employee_id = :employeeId', { employeeId })
      .andWhere('(last_used_step IS NULL OR last_used_step < :step)', { step })
      .andWhere(mode === 'confirm' ? 'confirmed_at IS NULL' : 'confirmed_at IS NOT NULL');
    const res = await qb.execute();
    return res.affected === 1;
  }

  async replaceRecoveryCodes(employeeId: string, hashes: string[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(EmployeeRecoveryCodeEntity);
      await repo.delete({ employeeId });
      await repo.insert(hashes.map((codeHash) => ({ employeeId, codeHash, usedAt: null })));
    });
  }

  async unusedRecoveryCodes(employeeId: string): Promise<Array<{ id: number; codeHash: string }>> {
    const rows = await this.codes.find({ where: { employeeId, usedAt: IsNull() }, order: { id: 'ASC' } });
    return rows.map((r) => ({ id: r.id, codeHash: r.codeHash }));
  }

  async spendRecoveryCode(id: number): Promise<boolean> {
    const res = await this.codes
      .createQueryBuilder()
      .update(EmployeeRecoveryCodeEntity)
      .set({ usedAt: () => 'CURRENT_TIMESTAMP(3)' })
      .where('id = :id AND used_at IS NULL', { id })
      .execute();
    return res.affected === 1;
  }

  async remove(employeeId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(EmployeeRecoveryCodeEntity).delete({ employeeId });
      await m.getRepository(EmployeeTotpEntity).delete({ employeeId });
    });
  }
}
