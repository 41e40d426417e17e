import type { MigrationInterface, QueryRunner } from 'typeorm';
import { chainUnchainedRows } from './chain-backfill.js';
import { ChainKeyring, GENESIS_HASH, headMac } from './chain-crypto.js';
import { insertCheckpoint } from './chain-head.js';
import { CHAIN_LOGS, LOGS, type LogDescriptor } from './chain-logs.js';
import { migrationConfig } from './migration-context.js';

/** The log as its table stands when this migration runs: columns later migrations add do not exist yet (and hash as null). */
function asAtThisMigration(d: LogDescriptor): LogDescriptor {
  return { ...d, columns: d.columns.filter((c) => !d.laterColumns?.includes(c)) };
}

/**
 * Hash chain, checkpoints and backups (SPEC §4.3). Existing rows are renumbered 1..N in their
 * stored order (seq must have no gaps: a missing number is how a deleted row shows) and chained
 * here, once: a later, on-demand backfill would bless rows inserted behind the app's back.
 */
export class AuditIntegrity1763881200000 implements MigrationInterface {
  name = 'AuditIntegrity1763881200000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['call_log', 'operation_log']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN row_hash BINARY(32) NULL`);
      await q.query('SET @n := 0');
      // Ascending order: each new number is <= the old one and every smaller number is already taken by its own row.
      await q.query(`UPDATE ${table} SET seq = (@n := @n + 1) ORDER BY seq`);
    }
    await q.query(`CREATE TABLE chain_head (
      log VARCHAR(16) CHARACTER SET ascii NOT NULL PRIMARY KEY,
      seq BIGINT UNSIGNED NOT NULL,
      hash BINARY(32) NOT NULL,
      key_id VARCHAR(32) CHARACTER SET ascii NOT NULL,
      mac BINARY(32) NOT NULL,
      checkpoint_seq BIGINT UNSIGNED NOT NULL,
      checkpoint_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE chain_checkpoint (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      log VARCHAR(16) CHARACTER SET ascii NOT NULL,
      seq BIGINT UNSIGNED NOT NULL,
      hash BINARY(32) NOT NULL,
      key_id VARCHAR(32) CHARACTER SET ascii NOT NULL,
      kind VARCHAR(16) CHARACTER SET ascii NOT NULL,
      at DATETIME(3) NOT NULL,
      mac BINARY(32) NOT NULL,
      KEY ix_chain_checkpoint_log_seq (log, seq)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE backup (
      id CHAR(36) CHARACTER SET ascii NOT NULL PRIMARY KEY,
      log VARCHAR(16) CHARACTER SET ascii NOT NULL,
      kind VARCHAR(16) CHARACTER SET ascii NOT NULL,
      period_key VARCHAR(48) CHARACTER SET ascii NULL,
      range_from DATETIME(3) NULL,
      range_to DATETIME(3) NULL,
      first_seq BIGINT UNSIGNED NULL,
      last_seq BIGINT UNSIGNED NULL,
      prev_hash BINARY(32) NULL,
      last_hash BINARY(32) NULL,
      row_count BIGINT UNSIGNED NOT NULL DEFAULT 0,
      file VARCHAR(500) NULL,
      sha256 CHAR(64) CHARACTER SET ascii NULL,
      bytes BIGINT UNSIGNED NULL,
      status VARCHAR(16) CHARACTER SET ascii NOT NULL,
      requested_by VARCHAR(128) NOT NULL,
      error VARCHAR(500) NULL,
      started_at DATETIME(3) NOT NULL,
      completed_at DATETIME(3) NULL,
      UNIQUE KEY uq_backup_period (log, period_key),
      KEY ix_backup_log_status (log, status, last_seq)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    const keyring = new ChainKeyring(migrationConfig().masterKeys);
    const sql = (s: string, p?: unknown[]) => q.query(s, p);
    const now = new Date();
    for (const log of CHAIN_LOGS) {
      await sql('INSERT INTO chain_head (log, seq, hash, key_id, mac, checkpoint_seq, checkpoint_at) VALUES (?, 0, ?, ?, ?, 0, ?)', [
        log,
        GENESIS_HASH,
        keyring.currentId,
        headMac(keyring.current, log, 0n, GENESIS_HASH),
        now,
      ]);
      await insertCheckpoint(sql, keyring, { log, seq: 0, hash: GENESIS_HASH, kind: 'genesis', at: now });
      await chainUnchainedRows(sql, keyring, asAtThisMigration(LOGS[log]));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE backup');
    await q.query('DROP TABLE chain_checkpoint');
    await q.query('DROP TABLE chain_head');
    await q.query('ALTER TABLE operation_log DROP COLUMN row_hash');
    await q.query('ALTER TABLE call_log DROP COLUMN row_hash');
  }
}
