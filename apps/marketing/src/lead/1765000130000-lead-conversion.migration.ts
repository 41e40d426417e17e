import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conversion saga's state on the lead (issue 10 item 4): the contact it produced besides
 * `account_id`/`opportunity_id`, `conversion_status` (`converting` while sales applies it, then
 * `converted`, or `failed` after a refusal, with `conversion_error`) and `conversion_call_id`, the
 * outbox call of the current attempt (a late answer to an older attempt is told apart by it). The
 * lead keeps its status (`qualified`) while converting, so its phone and e-mail stay deduplicated.
 */
export class LeadConversion1765000130000 implements MigrationInterface {
  name = 'LeadConversion1765000130000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`lead\`
      ADD COLUMN contact_id CHAR(36) NULL AFTER account_id,
      ADD COLUMN conversion_status VARCHAR(16) NULL,
      ADD COLUMN conversion_error JSON NULL,
      ADD COLUMN conversion_call_id CHAR(36) NULL,
      ADD CONSTRAINT ck_lead_conversion_status CHECK (conversion_status IS NULL OR conversion_status IN ('converting', 'converted', 'failed'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`lead\` DROP CONSTRAINT ck_lead_conversion_status,
      DROP COLUMN conversion_call_id, DROP COLUMN conversion_error, DROP COLUMN conversion_status, DROP COLUMN contact_id`);
  }
}
