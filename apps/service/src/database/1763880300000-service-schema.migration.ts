import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceSchema1763880300000 implements MigrationInterface {
  name = 'ServiceSchema1763880300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE work_order (
      id CHAR(36) NOT NULL PRIMARY KEY,
      order_no VARCHAR(64) NOT NULL,
      type VARCHAR(16) NOT NULL,
      title VARCHAR(200) NOT NULL,
      description TEXT NOT NULL,
      priority VARCHAR(16) NOT NULL,
      status VARCHAR(16) NOT NULL,
      customer_account_no VARCHAR(64) NOT NULL,
      customer_name VARCHAR(128) NOT NULL,
      customer_phone VARCHAR(32) NOT NULL,
      deadline DATETIME(3) NOT NULL,
      dispatched_at DATETIME(3) NOT NULL,
      urge_count INT NOT NULL DEFAULT 0,
      content_hash CHAR(64) NOT NULL,
      dispatched_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      version INT NOT NULL,
      UNIQUE KEY uq_work_order_order_no (order_no),
      KEY ix_work_order_status (status, deadline)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE work_order_history (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      work_order_id CHAR(36) NOT NULL,
      at DATETIME(3) NOT NULL,
      action VARCHAR(32) NOT NULL,
      from_status VARCHAR(16) NULL,
      to_status VARCHAR(16) NOT NULL,
      \`by\` VARCHAR(64) NOT NULL,
      note TEXT NULL,
      request_key VARCHAR(200) NULL,
      UNIQUE KEY uq_work_order_history_request (request_key),
      KEY ix_work_order_history_order (work_order_id, id),
      CONSTRAINT fk_work_order_history_order FOREIGN KEY (work_order_id) REFERENCES work_order (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE outbox (
      id CHAR(36) NOT NULL PRIMARY KEY,
      kind VARCHAR(16) NOT NULL,
      pattern VARCHAR(200) NOT NULL,
      payload JSON NOT NULL,
      caller VARCHAR(64) NULL,
      created_at DATETIME(3) NOT NULL,
      attempts INT NOT NULL DEFAULT 0,
      next_attempt_at DATETIME(3) NOT NULL,
      sent_at DATETIME(3) NULL,
      last_error VARCHAR(500) NULL,
      KEY ix_outbox_due (sent_at, next_attempt_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox');
    await q.query('DROP TABLE work_order_history');
    await q.query('DROP TABLE work_order');
  }
}
