import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queues of cases: routing criteria, strategy, escalation target, and the round-robin position
 * (`last_member_id`), which assignment updates under the queue's row lock. Members with skills
 * and capacity.
 */
export class ServiceQueue1765000410000 implements MigrationInterface {
  name = 'ServiceQueue1765000410000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE service_queue (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(100) NOT NULL,
      description VARCHAR(1000) NULL,
      strategy VARCHAR(16) NOT NULL,
      categories JSON NOT NULL,
      channels JSON NOT NULL,
      routing_order INT NOT NULL DEFAULT 100,
      category_skills JSON NOT NULL,
      escalation_queue_id CHAR(36) NULL,
      supervisor_id VARCHAR(16) NULL,
      active TINYINT(1) NOT NULL DEFAULT 1,
      last_member_id VARCHAR(16) NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_service_queue_name (name),
      KEY ix_service_queue_created (created_at, id),
      KEY ix_service_queue_supervisor (supervisor_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE service_queue_member (
      queue_id CHAR(36) NOT NULL,
      employee_id VARCHAR(16) NOT NULL,
      skills JSON NOT NULL,
      capacity INT NOT NULL DEFAULT 10,
      added_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (queue_id, employee_id),
      KEY ix_service_queue_member_employee (employee_id),
      CONSTRAINT fk_service_queue_member_queue FOREIGN KEY (queue_id) REFERENCES service_queue (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE service_queue_member');
    await q.query('DROP TABLE service_queue');
  }
}
