import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The collateral library: documents (metadata, sharing, the latest version's file), one row per
 * content version, and the bytes in `document_content` apart, so lists and gets never read a blob.
 */
export class Document1765000320000 implements MigrationInterface {
  name = 'Document1765000320000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE document (
      id CHAR(36) NOT NULL PRIMARY KEY,
      title VARCHAR(200) NOT NULL,
      description VARCHAR(2000) NULL,
      tags JSON NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      shared_roles JSON NOT NULL,
      shared_teams JSON NOT NULL,
      current_version_no INT NOT NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      KEY ix_document_created (created_at, id),
      KEY ix_document_owner (owner_id, created_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE document_version (
      document_id CHAR(36) NOT NULL,
      version_no INT NOT NULL,
      file_name VARCHAR(255) NOT NULL,
      content_type VARCHAR(100) NOT NULL,
      size INT NOT NULL,
      sha256 CHAR(64) NOT NULL,
      created_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (document_id, version_no),
      CONSTRAINT fk_document_version FOREIGN KEY (document_id) REFERENCES document (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE document_content (
      document_id CHAR(36) NOT NULL,
      version_no INT NOT NULL,
      content LONGBLOB NOT NULL,
      PRIMARY KEY (document_id, version_no),
      CONSTRAINT fk_document_content FOREIGN KEY (document_id, version_no) REFERENCES document_version (document_id, version_no)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE document_content');
    await q.query('DROP TABLE document_version');
    await q.query('DROP TABLE document');
  }
}
