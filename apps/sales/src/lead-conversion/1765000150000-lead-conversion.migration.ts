import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per converted lead (issue 10 item 4): what marketing's conversion produced. `lead_id` is
 * the primary key, so a lead is converted once: a repeated apply finds the row and answers its ids,
 * and a concurrent one waits on the key and then finds it. The ids are filled in the transaction that
 * inserts the row, so a committed row is always complete.
 */
export class LeadConversion1765000150000 implements MigrationInterface {
  name = 'LeadConversion1765000150000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE lead_conversion (
      lead_id CHAR(36) NOT NULL PRIMARY KEY,
      campaign_id CHAR(36) NULL,
      account_id CHAR(36) NULL,
      contact_id CHAR(36) NULL,
      opportunity_id CHAR(36) NULL,
      linked_existing TINYINT(1) NOT NULL DEFAULT 0,
      employee_id VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      KEY ix_lead_conversion_account (account_id),
      KEY ix_lead_conversion_opportunity (opportunity_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE lead_conversion');
  }
}
