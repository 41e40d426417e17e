import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalogue: products (the shared columns `id, sku, name, family, active` other features read,
 * the definition in JSON columns the service checks as a whole) and price books with one entry per
 * product they price.
 */
export class Product1764000200000 implements MigrationInterface {
  name = 'Product1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE product (
      id CHAR(36) NOT NULL PRIMARY KEY,
      sku VARCHAR(64) NOT NULL,
      name VARCHAR(200) NOT NULL,
      family VARCHAR(64) NOT NULL,
      description TEXT NULL,
      kind VARCHAR(16) NOT NULL,
      unit VARCHAR(16) NOT NULL,
      tax_rate DECIMAL(5,4) NOT NULL,
      currency CHAR(3) NOT NULL DEFAULT 'CNY',
      active TINYINT(1) NOT NULL DEFAULT 1,
      options JSON NOT NULL,
      attributes JSON NOT NULL,
      rules JSON NOT NULL,
      pricing JSON NULL,
      bundle JSON NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_product_sku (sku),
      KEY ix_product_created (created_at, id),
      KEY ix_product_family_created (family, created_at, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE price_book (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(200) NOT NULL,
      channel VARCHAR(16) NULL,
      segment VARCHAR(32) NULL,
      currency CHAR(3) NOT NULL,
      valid_from DATETIME(3) NOT NULL,
      valid_to DATETIME(3) NULL,
      active TINYINT(1) NOT NULL DEFAULT 1,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      KEY ix_price_book_target (channel, segment, currency, valid_from),
      KEY ix_price_book_created (created_at, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE price_book_entry (
      price_book_id CHAR(36) NOT NULL,
      product_id CHAR(36) NOT NULL,
      base_price DECIMAL(20,6) NULL,
      adders JSON NULL,
      tiers JSON NULL,
      PRIMARY KEY (price_book_id, product_id),
      KEY ix_price_book_entry_product (product_id),
      CONSTRAINT fk_price_book_entry_book FOREIGN KEY (price_book_id) REFERENCES price_book (id) ON DELETE CASCADE,
      CONSTRAINT fk_price_book_entry_product FOREIGN KEY (product_id) REFERENCES product (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE price_book_entry');
    await q.query('DROP TABLE price_book');
    await q.query('DROP TABLE product');
  }
}
