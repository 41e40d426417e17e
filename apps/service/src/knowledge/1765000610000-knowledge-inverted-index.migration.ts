import type { MigrationInterface, QueryRunner } from 'typeorm';
import { articlePostings } from './knowledge-ranking.js';

/**
 * Search moves from InnoDB FULLTEXT to the app's own inverted index (docs/service/knowledge.md,
 * "Search: how and why"): InnoDB FULLTEXT reads and ranks every article holding a query term, which
 * is most articles for a common Chinese bigram.
 *
 * - `knowledge_posting`: one row per (article, term) with the term's BM25 weight in that article
 *   (`impact`). Clustered by article (`doc_no, token`: an article's rows are written and deleted
 *   together, and scoring a candidate is a point lookup); `ix_knowledge_posting_term
 *   (token, impact, doc_no)` reads a term's best articles first and stops after a few hundred.
 * - `knowledge_term`: each term's document frequency (for idf), kept in the publish/archive transaction.
 * - `knowledge_search` gets a compact article number `doc_no`; its FULLTEXT indexes go (the term
 *   columns stay: they are the article's indexed terms, and rebuild the postings).
 * Existing published articles are indexed here from their term columns.
 */
export class KnowledgeInvertedIndex1765000610000 implements MigrationInterface {
  name = 'KnowledgeInvertedIndex1765000610000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE knowledge_search
      DROP INDEX ft_knowledge_title, DROP INDEX ft_knowledge_all,
      ADD COLUMN doc_no INT UNSIGNED NOT NULL AUTO_INCREMENT, ADD UNIQUE KEY uq_knowledge_search_doc (doc_no)`);
    await q.query(`CREATE TABLE knowledge_posting (
      doc_no INT UNSIGNED NOT NULL,
      token VARCHAR(64) NOT NULL,
      impact SMALLINT UNSIGNED NOT NULL,
      PRIMARY KEY (doc_no, token),
      KEY ix_knowledge_posting_term (token, impact, doc_no)
    ) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin`);
    await q.query(`CREATE TABLE knowledge_term (
      token VARCHAR(64) NOT NULL PRIMARY KEY,
      df INT UNSIGNED NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin`);
    let after = 0;
    for (;;) {
      const rows: Array<{ doc_no: number; title_tokens: string; body_tokens: string }> = await q.query(
        'SELECT doc_no, title_tokens, body_tokens FROM knowledge_search WHERE doc_no > ? ORDER BY doc_no LIMIT 500',
        [after],
      );
      if (!rows.length) break;
      const postings: unknown[][] = [];
      const df = new Map<string, number>();
      for (const r of rows) {
        for (const p of articlePostings(r.title_tokens.split(' '), r.body_tokens.split(' ')).postings) {
          postings.push([r.doc_no, p.token, p.impact]);
          df.set(p.token, (df.get(p.token) ?? 0) + 1);
        }
        after = r.doc_no;
      }
      if (postings.length) {
        await q.query(
          `INSERT INTO knowledge_posting (doc_no, token, impact) VALUES ${postings.map(() => '(?, ?, ?)').join(', ')}`,
          postings.flat(),
        );
        const terms = [...df.entries()];
        await q.query(
          `INSERT INTO knowledge_term (token, df) VALUES ${terms.map(() => '(?, ?)').join(', ')} ON DUPLICATE KEY UPDATE df = df + VALUES(df)`,
          terms.flat(),
        );
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE knowledge_term');
    await q.query('DROP TABLE knowledge_posting');
    await q.query(`ALTER TABLE knowledge_search DROP INDEX uq_knowledge_search_doc, DROP COLUMN doc_no,
      ADD FULLTEXT KEY ft_knowledge_title (title_tokens), ADD FULLTEXT KEY ft_knowledge_all (title_tokens, body_tokens)`);
  }
}
