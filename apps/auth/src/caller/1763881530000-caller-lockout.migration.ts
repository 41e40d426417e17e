import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The system callers `system bootstrap` creates (names.systemCaller of every app but auth). */
const BOOTSTRAPPED_INTERNAL = ['crm-marketing', 'crm-sales', 'crm-service', 'crm-audit'];

/**
 * Lockout per (caller name, source) instead of per caller (issue 8):
 * - `caller.internal` marks the apps' own callers, which are counted but never locked; the callers
 *   an earlier `system bootstrap` created are marked here, later ones by bootstrap itself;
 * - `caller_lockout` holds the failures and lock of each pair, unknown names included, with an
 *   expiry for purging;
 * - the per-caller `failed_attempts` / `locked_until` go (a lock they held is lifted: it may have
 *   been a third party's).
 */
export class CallerLockout1763881530000 implements MigrationInterface {
  name = 'CallerLockout1763881530000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE caller ADD COLUMN internal TINYINT(1) NOT NULL DEFAULT 0 AFTER state');
    await q.query(
      `UPDATE caller SET internal = 1 WHERE name IN (${BOOTSTRAPPED_INTERNAL.map(() => '?').join(', ')})`,
      BOOTSTRAPPED_INTERNAL,
    );
    await q.query(`CREATE TABLE caller_lockout (
      name VARCHAR(64) NOT NULL,
      source VARCHAR(128) NOT NULL,
      failures INT UNSIGNED NOT NULL,
      window_started_at DATETIME(3) NOT NULL,
      locked_until DATETIME(3) NULL,
      expires_at DATETIME(3) NOT NULL,
      PRIMARY KEY (name, source),
      KEY ix_caller_lockout_expires (expires_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query('ALTER TABLE caller DROP COLUMN failed_attempts, DROP COLUMN locked_until');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE caller ADD COLUMN failed_attempts INT NOT NULL DEFAULT 0, ADD COLUMN locked_until DATETIME(3) NULL');
    await q.query('DROP TABLE caller_lockout');
    await q.query('ALTER TABLE caller DROP COLUMN internal');
  }
}
