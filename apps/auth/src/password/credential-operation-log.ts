import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { OperationChange, OperationEvent } from '@crm/contracts';
import type { OperationLogPublisher } from '@crm/messaging';

export type CredentialAction = 'password-change' | 'password-reset' | 'two-factor-enable' | 'two-factor-disable';

/**
 * Credential changes in the operation log (SPEC §4.2), published after the commit. Secrets are
 * never in `changes` (the password appears as '***' → '***'). A lost broker at that moment loses
 * the entry (logged as an error); the shared transactional outbox (libs/outbox) replaces `publish`
 * here once it lands.
 */
export class CredentialOperationLog {
  private readonly log = new Logger('CredentialOperationLog');

  constructor(private readonly publisher: OperationLogPublisher) {}

  async record(employeeId: string, action: CredentialAction, changes: OperationChange[]): Promise<void> {
    const event: OperationEvent = {
      id: randomUUID(),
      at: new Date().toISOString(),
      service: 'auth',
      actorType: 'employee',
      actor: employeeId,
      entity: 'employee',
      entityId: employeeId,
      action,
      changes,
      requestId: null,
    };
    try {
      await this.publisher.publish(event);
    } catch (err) {
      this.log.error({ msg: 'operation log entry not published', employeeId, action, err: String(err) });
    }
  }
}

export const PASSWORD_CHANGED: OperationChange[] = [{ field: 'password', old: '***', new: '***' }];
