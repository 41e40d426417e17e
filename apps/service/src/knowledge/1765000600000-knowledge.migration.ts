import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The knowledge base: articles, their versions, and `knowledge_search`, one row per published
 * article holding the terms the app's tokenizer made of its published version (knowledge-tokenizer.ts).
 * The term columns are ASCII (encoded terms only) with two FULLTEXT indexes: the title alone (to
 * weigh title hits) and title + body (to find candidates). docs/service/knowledge.md says why.
 */
export class Knowledge1765000600000 implements MigrationInterface {
  name = 'Knowledge1765000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE knowledge_article (
      id CHAR(36) NOT NULL PRIMARY KEY,
      owner_id VARCHAR(64) NOT NULL,
      state VARCHAR(16) NOT NULL,
      title VARCHAR(200) NOT NULL,
      category VARCHAR(64) NOT NULL,
      tags TEXT NOT NULL,
      language VARCHAR(2) NOT NULL,
      published_version_no INT NULL,
      working_version_no INT NULL,
      last_version_no INT NOT NULL,
      version INT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      KEY ix_knowledge_article_created (created_at, id),
      KEY ix_knowledge_article_owner (owner_id, created_at),
      KEY ix_knowledge_article_category (category, created_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE knowledge_article_version (
      id CHAR(36) NOT NULL PRIMARY KEY,
      article_id CHAR(36) NOT NULL,
      version_no INT NOT NULL,
      state VARCHAR(16) NOT NULL,
      title VARCHAR(200) NOT NULL,
      body MEDIUMTEXT NOT NULL,
      category VARCHAR(64) NOT NULL,
      tags TEXT NOT NULL,
      language VARCHAR(2) NOT NULL,
      author_id VARCHAR(64) NOT NULL,
      contributors TEXT NOT NULL,
      submitted_at DATETIME(3) NULL,
      approved_by VARCHAR(64) NULL,
      approved_at DATETIME(3) NULL,
      published_by VARCHAR(64) NULL,
      published_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_knowledge_version (article_id, version_no)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE knowledge_search (
      article_id CHAR(36) CHARACTER SET ascii NOT NULL PRIMARY KEY,
      version_no INT NOT NULL,
      title VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
      category VARCHAR(64) NOT NULL,
      tags TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
      language VARCHAR(2) NOT NULL,
      snippet VARCHAR(300) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
      title_tokens TEXT NOT NULL,
      body_tokens MEDIUMTEXT NOT NULL,
      published_at DATETIME(3) NOT NULL,
      KEY ix_knowledge_search_category (category),
      FULLTEXT KEY ft_knowledge_title (title_tokens),
      FULLTEXT KEY ft_knowledge_all (title_tokens, body_tokens)
    ) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_general_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE knowledge_search');
    await q.query('DROP TABLE knowledge_article_version');
    await q.query('DROP TABLE knowledge_article');
  }
}
