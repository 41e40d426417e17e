import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOutboundCredential1763880000000 implements MigrationInterface {
  name = 'CreateOutboundCredential1763880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE outbound_credential (
      target VARCHAR(64) NOT NULL PRIMARY KEY,
      caller VARCHAR(64) NOT NULL,
      key_id VARCHAR(32) NOT NULL,
      iv VARCHAR(32) NOT NULL,
      ciphertext TEXT NOT NULL,
      tag VARCHAR(32) NOT NULL,
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbound_credential');
  }
}
