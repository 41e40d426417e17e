import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthSchema1763880100000 implements MigrationInterface {
  name = 'AuthSchema1763880100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE caller (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(64) NOT NULL,
      state VARCHAR(16) NOT NULL DEFAULT 'active',
      allow JSON NOT NULL,
      sources JSON NULL,
      failed_attempts INT NOT NULL DEFAULT 0,
      locked_until DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_caller_name (name)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE caller_credential (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      caller_id INT UNSIGNED NOT NULL,
      hash VARCHAR(255) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      expires_at DATETIME(3) NOT NULL,
      overlap_until DATETIME(3) NULL,
      expiry_warned_at DATETIME(3) NULL,
      KEY ix_caller_credential_caller (caller_id),
      KEY ix_caller_credential_expires (expires_at),
      CONSTRAINT fk_caller_credential_caller FOREIGN KEY (caller_id) REFERENCES caller (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    // Employee IDs come from this ledger: AUTO_INCREMENT values are never handed out twice.
    await q.query(`CREATE TABLE employee_id_ledger (
      seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      issued_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
    ) ENGINE=InnoDB AUTO_INCREMENT=100001`);
    await q.query(`CREATE TABLE employee (
      employee_id VARCHAR(16) NOT NULL PRIMARY KEY,
      name VARCHAR(128) NOT NULL,
      password_hash VARCHAR(255) NOT NULL,
      status VARCHAR(16) NOT NULL DEFAULT 'active',
      roles JSON NOT NULL,
      session_version INT NOT NULL DEFAULT 1,
      failed_logins INT NOT NULL DEFAULT 0,
      locked_until DATETIME(3) NULL,
      last_login_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE employee');
    await q.query('DROP TABLE employee_id_ledger');
    await q.query('DROP TABLE caller_credential');
    await q.query('DROP TABLE caller');
  }
}
