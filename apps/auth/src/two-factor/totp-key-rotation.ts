import type { DataSource } from 'typeorm';
import type { SecretBox } from '@crm/security';
import { EmployeeTotpEntity } from './employee-totp.entity.js';
import { totpContext } from './two-factor.service.js';

/** `cli key rotate`: re-seals every TOTP secret not yet under the current key; returns how many. */
export async function rotateTotpSecrets(dataSource: DataSource, box: SecretBox): Promise<number> {
  const repo = dataSource.getRepository(EmployeeTotpEntity);
  let changed = 0;
  for (const row of await repo.find()) {
    if (row.keyId === box.currentKeyId) continue;
    const sealed = box.reseal(row, totpContext(row.employeeId));
    // Conditional on the old key id: a concurrent re-enrolment is not overwritten.
    const res = await repo.update({ employeeId: row.employeeId, keyId: row.keyId, iv: row.iv }, sealed);
    changed += res.affected ?? 0;
  }
  return changed;
}
