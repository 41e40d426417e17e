import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Contracts and their lines (issue 9 item 5). */
export class Contract1764000400000 implements MigrationInterface {
  name = 'Contract1764000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE contract (
      id CHAR(36) NOT NULL PRIMARY KEY,
      contract_no VARCHAR(32) NOT NULL,
      name VARCHAR(200) NOT NULL,
      account_id CHAR(36) NOT NULL,
      quote_id CHAR(36) NULL,
      opportunity_id CHAR(36) NULL,
      status VARCHAR(16) NOT NULL,
      start_date DATE NULL,
      end_date DATE NULL,
      term_months INT NULL,
      currency CHAR(3) NOT NULL,
      value DECIMAL(18,2) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      predecessor_id CHAR(36) NULL,
      successor_id CHAR(36) NULL,
      activated_at DATETIME(3) NULL,
      activated_by VARCHAR(64) NULL,
      terminated_at DATETIME(3) NULL,
      terminated_by VARCHAR(64) NULL,
      termination_reason VARCHAR(1000) NULL,
      termination_effective_date DATE NULL,
      renewal_notice_at DATETIME(3) NULL,
      expired_at DATETIME(3) NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_contract_no (contract_no),
      UNIQUE KEY uq_contract_quote (quote_id),
      UNIQUE KEY uq_contract_predecessor (predecessor_id),
      KEY ix_contract_owner_created (owner_id, created_at, id),
      KEY ix_contract_created (created_at, id),
      KEY ix_contract_account (account_id, created_at, id),
      KEY ix_contract_due (status, renewal_notice_at, end_date),
      KEY ix_contract_status_end (status, end_date)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE contract_line (
      contract_id CHAR(36) NOT NULL,
      line_no INT NOT NULL,
      product_id CHAR(36) NULL,
      sku VARCHAR(64) NOT NULL,
      name VARCHAR(200) NOT NULL,
      quantity DECIMAL(18,6) NOT NULL,
      unit_price DECIMAL(20,6) NOT NULL,
      amount DECIMAL(18,2) NOT NULL,
      PRIMARY KEY (contract_id, line_no),
      CONSTRAINT fk_contract_line_contract FOREIGN KEY (contract_id) REFERENCES contract (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE contract_line');
    await q.query('DROP TABLE contract');
  }
}
