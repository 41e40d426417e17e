import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Employee credentials (SPEC §3.3): password history, TOTP secrets (sealed) with replay protection,
 * hashed recovery codes, forgot-password codes (HMAC only), the rate-limit ledger of reset requests,
 * and the development notification outbox.
 */
export class Credentials1763881100000 implements MigrationInterface {
  name = 'Credentials1763881100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE employee_password_history (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      employee_id VARCHAR(16) NOT NULL,
      password_hash VARCHAR(255) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      KEY ix_employee_password_history_employee (employee_id, id),
      CONSTRAINT fk_employee_password_history_employee FOREIGN KEY (employee_id) REFERENCES employee (employee_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE employee_totp (
      employee_id VARCHAR(16) NOT NULL PRIMARY KEY,
      key_id VARCHAR(32) NOT NULL,
      iv VARCHAR(32) NOT NULL,
      ciphertext TEXT NOT NULL,
      tag VARCHAR(32) NOT NULL,
      confirmed_at DATETIME(3) NULL,
      last_used_step BIGINT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      CONSTRAINT fk_employee_totp_employee FOREIGN KEY (employee_id) REFERENCES employee (employee_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE employee_recovery_code (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      employee_id VARCHAR(16) NOT NULL,
      code_hash VARCHAR(255) NOT NULL,
      used_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      KEY ix_employee_recovery_code_employee (employee_id),
      CONSTRAINT fk_employee_recovery_code_employee FOREIGN KEY (employee_id) REFERENCES employee (employee_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE password_reset_code (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      employee_id VARCHAR(16) NOT NULL,
      code_hash CHAR(64) NOT NULL,
      attempts INT NOT NULL DEFAULT 0,
      expires_at DATETIME(3) NOT NULL,
      used_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      KEY ix_password_reset_code_employee (employee_id, id),
      CONSTRAINT fk_password_reset_code_employee FOREIGN KEY (employee_id) REFERENCES employee (employee_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    // One row per forgot-password request, keyed by a keyed hash of the identifier or the address.
    await q.query(`CREATE TABLE password_reset_request (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      bucket CHAR(64) NOT NULL,
      at DATETIME(3) NOT NULL,
      KEY ix_password_reset_request_bucket (bucket, at),
      KEY ix_password_reset_request_at (at)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE notification_outbox (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      channel VARCHAR(16) NOT NULL,
      recipient VARCHAR(254) NOT NULL,
      employee_id VARCHAR(16) NULL,
      subject VARCHAR(200) NOT NULL,
      body TEXT NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      KEY ix_notification_outbox_employee (employee_id, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'notification_outbox',
      'password_reset_request',
      'password_reset_code',
      'employee_recovery_code',
      'employee_totp',
      'employee_password_history',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
