import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers get an owner for data scopes (SPEC §6.0); existing ones are owned by their creator. */
export class CustomerOwner1763881520000 implements MigrationInterface {
  name = 'CustomerOwner1763881520000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE customer ADD COLUMN owner_id VARCHAR(64) NULL AFTER segment');
    await q.query('UPDATE customer SET owner_id = created_by');
    await q.query('ALTER TABLE customer MODIFY owner_id VARCHAR(64) NOT NULL');
    // Scoped lists: newest first within the owners a scope names.
    await q.query(
      'ALTER TABLE customer ADD KEY ix_customer_owner_created (owner_id, created_at, id), ADD KEY ix_customer_created (created_at, id)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE customer DROP KEY ix_customer_owner_created, DROP KEY ix_customer_created, DROP COLUMN owner_id');
  }
}
