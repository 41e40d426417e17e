import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `notification_outbox` becomes `dev_mailbox`: in this code base "outbox" means only `outbox_message`. */
export class DevMailbox1764400200000 implements MigrationInterface {
  name = 'DevMailbox1764400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('RENAME TABLE notification_outbox TO dev_mailbox');
    await q.query('ALTER TABLE dev_mailbox RENAME INDEX ix_notification_outbox_employee TO ix_dev_mailbox_employee');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE dev_mailbox RENAME INDEX ix_dev_mailbox_employee TO ix_notification_outbox_employee');
    await q.query('RENAME TABLE dev_mailbox TO notification_outbox');
  }
}
