import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quotes and their lines. The brief's shared columns (read by contracts and analysis) keep their
 * names: quote (id, opportunity_id, quote_no, revision, status, currency, subtotal, discount_total,
 * tax_total, total, author_id, version, created_at) and quote_line (id, quote_id, line_no,
 * product_id, sku, name, quantity, configuration, unit_price, net_amount, tax_amount).
 */
export class Quote1764000300300 implements MigrationInterface {
  name = 'Quote1764000300300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE quote (
      id CHAR(36) NOT NULL PRIMARY KEY,
      opportunity_id CHAR(36) NOT NULL,
      account_id CHAR(36) NOT NULL,
      quote_no VARCHAR(32) NOT NULL,
      revision INT NOT NULL,
      status VARCHAR(16) NOT NULL,
      currency CHAR(3) NOT NULL,
      channel VARCHAR(16) NULL,
      segment VARCHAR(32) NULL,
      subtotal DECIMAL(18,2) NOT NULL,
      header_discount_percent DECIMAL(5,2) NULL,
      header_discount_amount DECIMAL(18,2) NOT NULL,
      discount_total DECIMAL(18,2) NOT NULL,
      net_total DECIMAL(18,2) NOT NULL,
      tax_total DECIMAL(18,2) NOT NULL,
      total DECIMAL(18,2) NOT NULL,
      valid_until DATE NOT NULL,
      terms TEXT NULL,
      author_id VARCHAR(64) NOT NULL,
      decided_by VARCHAR(64) NULL,
      decided_at DATETIME(3) NULL,
      decision_reason VARCHAR(500) NULL,
      previous_quote_id CHAR(36) NULL,
      priced_at DATETIME(3) NOT NULL,
      version INT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      CONSTRAINT ck_quote_status CHECK (status IN ('draft', 'pending_approval', 'approved', 'rejected', 'accepted', 'superseded')),
      UNIQUE KEY uq_quote_no_revision (quote_no, revision),
      KEY ix_quote_created (created_at, id),
      KEY ix_quote_opportunity (opportunity_id, status, created_at),
      KEY ix_quote_author_created (author_id, created_at, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE quote_line (
      id CHAR(36) NOT NULL PRIMARY KEY,
      quote_id CHAR(36) NOT NULL,
      line_no INT NOT NULL,
      product_id CHAR(36) NOT NULL,
      sku VARCHAR(64) NOT NULL,
      name VARCHAR(200) NOT NULL,
      quantity BIGINT NOT NULL,
      configuration JSON NOT NULL,
      unit_price DECIMAL(20,6) NOT NULL,
      list_amount DECIMAL(18,2) NOT NULL,
      discount_percent DECIMAL(5,2) NULL,
      line_discount DECIMAL(18,2) NOT NULL,
      header_discount DECIMAL(18,2) NOT NULL,
      net_amount DECIMAL(18,2) NOT NULL,
      tax_rate DECIMAL(7,4) NOT NULL,
      tax_amount DECIMAL(18,2) NOT NULL,
      breakdown JSON NOT NULL,
      price_book_id CHAR(36) NULL,
      bundle_of CHAR(36) NULL,
      UNIQUE KEY uq_quote_line (quote_id, line_no),
      KEY ix_quote_line_product (product_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE quote_line');
    await q.query('DROP TABLE quote');
  }
}
