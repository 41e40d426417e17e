import type { MigrationInterface, QueryRunner } from 'typeorm';
import { gbt4754Rows } from './1765000310000-industry.data.js';

/** GB/T 4754-2017 sections and divisions, shipped with the product (SPEC §6.1, issue 10 item 8). */
export class Industry1765000310000 implements MigrationInterface {
  name = 'Industry1765000310000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE industry (
      code VARCHAR(3) NOT NULL PRIMARY KEY,
      level VARCHAR(8) NOT NULL,
      section CHAR(1) NOT NULL,
      name_zh VARCHAR(100) NOT NULL,
      name_en VARCHAR(200) NOT NULL,
      sort SMALLINT NOT NULL,
      edition VARCHAR(16) NOT NULL DEFAULT 'GB/T 4754-2017',
      KEY ix_industry_section (section, sort)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    const rows = gbt4754Rows();
    await q.query(
      `INSERT INTO industry (code, level, section, name_zh, name_en, sort) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flatMap((r) => [r.code, r.level, r.section, r.nameZh, r.nameEn, r.sort]),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE industry');
  }
}
