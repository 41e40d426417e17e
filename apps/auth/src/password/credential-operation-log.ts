import type { DataSource, EntityManager } from 'typeorm';
import type { OperationChange } from '@crm/contracts';
import type { OperationRecorder } from '../operation/operation-recorder.js';

export type CredentialAction = 'password-change' | 'password-reset' | 'two-factor-enable' | 'two-factor-disable';

/**
 * Credential changes in the operation log (SPEC §4.2), written to auth's outbox: inside the change's
 * own transaction when the caller has one, else in a transaction right after it. Secrets are never
 * in `changes` (the password appears as '***' → '***').
 */
export class CredentialOperationLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recorder: OperationRecorder,
  ) {}

  async record(employeeId: string, action: CredentialAction, changes: OperationChange[], manager?: EntityManager): Promise<void> {
    const write = (m: EntityManager) => this.recorder.record(m, { type: 'employee', id: employeeId }, { entity: 'employee', entityId: employeeId, action, changes });
    await (manager ? write(manager) : this.dataSource.transaction(write));
  }
}

export const PASSWORD_CHANGED: OperationChange[] = [{ field: 'password', old: '***', new: '***' }];
