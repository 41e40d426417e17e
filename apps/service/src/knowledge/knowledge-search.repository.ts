import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { KnowledgeLanguage, ScopeGrant } from '@crm/contracts';
import { articlePostings, type SearchCandidate } from './knowledge-ranking.js';

/** One row of `knowledge_search`: a published version, with the terms of its title and body. */
export interface SearchRow {
  articleId: string;
  versionNo: number;
  title: string;
  category: string;
  tags: string[];
  language: KnowledgeLanguage;
  snippet: string;
  titleTokens: string;
  bodyTokens: string;
  publishedAt: Date;
}

/** What the answer shows of a ranked article (read for the few shown only). */
export interface SearchArticleRow {
  articleId: string;
  versionNo: number;
  title: string;
  category: string;
  tags: string[];
  language: KnowledgeLanguage;
  snippet: string;
  publishedAt: Date;
}

export interface SearchFilter {
  category?: string;
  language?: KnowledgeLanguage;
}

/** How long the article count (for idf) is reused before it is counted again. */
const ARTICLE_COUNT_TTL_MS = 60_000;

/** What suggestions read of a case (the case feature's shared columns). */
export interface CaseText {
  id: string;
  subject: string;
  description: string;
  ownerId: string | null;
}

/**
 * The search index: `knowledge_search` holds exactly the published articles (the latest published
 * version of each), so a search never filters on state and never sees drafts; `knowledge_posting`
 * is its inverted index (term → articles, best first) and `knowledge_term` each term's document
 * frequency, both kept in the publishing transaction.
 */
@Injectable()
export class KnowledgeSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Indexes a published version, replacing the article's previous one: its `knowledge_search` row,
   * its postings (BM25 weight per term) and the document frequency of its terms, all in `m`'s
   * transaction (the publish's own).
   */
  async put(m: EntityManager, r: SearchRow): Promise<void> {
    await m.query(
      `INSERT INTO knowledge_search (article_id, version_no, title, category, tags, language, snippet, title_tokens, body_tokens, published_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE version_no = VALUES(version_no), title = VALUES(title), category = VALUES(category), tags = VALUES(tags),
         language = VALUES(language), snippet = VALUES(snippet), title_tokens = VALUES(title_tokens), body_tokens = VALUES(body_tokens),
         published_at = VALUES(published_at)`,
      [
        r.articleId,
        r.versionNo,
        r.title,
        r.category,
        JSON.stringify(r.tags),
        r.language,
        r.snippet,
        r.titleTokens,
        r.bodyTokens,
        r.publishedAt,
      ],
    );
    const [row] = (await m.query('SELECT doc_no FROM knowledge_search WHERE article_id = ? FOR UPDATE', [r.articleId])) as Array<{
      doc_no: number;
    }>;
    const docNo = Number(row!.doc_no);
    await this.unpost(m, docNo);
    const { postings } = articlePostings(r.titleTokens.split(' '), r.bodyTokens.split(' '));
    if (!postings.length) return;
    await m.query(
      `INSERT INTO knowledge_posting (doc_no, token, impact) VALUES ${postings.map(() => '(?, ?, ?)').join(', ')}`,
      postings.flatMap((p) => [docNo, p.token, p.impact]),
    );
    await m.query(
      `INSERT INTO knowledge_term (token, df) VALUES ${postings.map(() => '(?, 1)').join(', ')} ON DUPLICATE KEY UPDATE df = df + 1`,
      postings.map((p) => p.token),
    );
  }

  async remove(m: EntityManager, articleId: string): Promise<void> {
    const rows = (await m.query('SELECT doc_no FROM knowledge_search WHERE article_id = ? FOR UPDATE', [articleId])) as Array<{
      doc_no: number;
    }>;
    if (rows[0]) await this.unpost(m, Number(rows[0].doc_no));
    await m.query('DELETE FROM knowledge_search WHERE article_id = ?', [articleId]);
  }

  /** Takes an article's postings out of the index and its terms' document frequencies. */
  private async unpost(m: EntityManager, docNo: number): Promise<void> {
    await m.query(
      'UPDATE knowledge_term t JOIN knowledge_posting p ON p.token = t.token AND p.doc_no = ? SET t.df = GREATEST(t.df, 1) - 1',
      [docNo],
    );
    await m.query('DELETE FROM knowledge_posting WHERE doc_no = ?', [docNo]);
  }

  /** Published articles (for idf), counted at most once a minute: idf barely moves with a few more. */
  async articleCount(): Promise<number> {
    const now = Date.now();
    if (this.count && now - this.count.at < ARTICLE_COUNT_TTL_MS) return this.count.n;
    const [row] = (await this.dataSource.query('SELECT COUNT(*) AS n FROM knowledge_search')) as Array<{ n: number | string }>;
    this.count = { n: Number(row?.n ?? 0), at: now };
    return this.count.n;
  }
  private count: { n: number; at: number } | null = null;

  /**
   * Document frequency of the query's index terms (absent: no published article holds it), and for
   * each prefix (one-character Chinese query) its `perPrefix` most frequent terms.
   */
  async documentFrequencies(tokens: readonly string[], prefixes: readonly string[], perPrefix: number): Promise<Map<string, number>> {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (tokens.length) {
      parts.push(`(SELECT token, df FROM knowledge_term WHERE token IN (${tokens.map(() => '?').join(', ')}) AND df > 0)`);
      params.push(...tokens);
    }
    for (const p of prefixes) {
      parts.push('(SELECT token, df FROM knowledge_term WHERE token LIKE ? AND df > 0 ORDER BY df DESC, token LIMIT ?)');
      params.push(`${p}%`, perPrefix);
    }
    if (!parts.length) return new Map();
    const rows = (await this.dataSource.query(parts.join(' UNION '), params)) as Array<{ token: string; df: number }>;
    return new Map(rows.map((r) => [r.token, Number(r.df)]));
  }

  /**
   * Candidates in two steps, one statement: (1) each term's `perTerm` best articles by stored weight
   * (the index is ordered by it, so this reads `perTerm` rows per term, however common the term), kept
   * by their partial score Σ idf · weight, best `keep`; (2) every query term's weight in those
   * articles (primary-key lookups), for the exact final score. Filters apply in step 1.
   */
  async candidates(
    terms: ReadonlyArray<{ token: string; idf: number }>,
    filter: SearchFilter,
    perTerm: number,
    keep: number,
  ): Promise<SearchCandidate[]> {
    if (!terms.length) return [];
    const conditions: string[] = [];
    const filterParams: unknown[] = [];
    if (filter.category !== undefined) {
      conditions.push('s.category = ?');
      filterParams.push(filter.category);
    }
    if (filter.language !== undefined) {
      conditions.push('s.language = ?');
      filterParams.push(filter.language);
    }
    const join = conditions.length ? `JOIN knowledge_search s ON s.doc_no = p.doc_no AND ${conditions.join(' AND ')}` : '';
    const params: unknown[] = [];
    const lists = terms.map((t) => {
      params.push(...filterParams, t.token, perTerm);
      return `(SELECT p.doc_no, p.impact * ${Number(t.idf.toFixed(6))} AS w FROM knowledge_posting p FORCE INDEX (ix_knowledge_posting_term) ${join}
               WHERE p.token = ? ORDER BY p.impact DESC, p.doc_no DESC LIMIT ?)`;
    });
    params.push(keep, ...terms.map((t) => t.token));
    const rows = (await this.dataSource.query(
      `SELECT c.doc_no, p.token, p.impact FROM (
         SELECT doc_no, SUM(w) AS partial FROM (${lists.join(' UNION ALL ')}) l GROUP BY doc_no ORDER BY partial DESC, doc_no DESC LIMIT ?
       ) c JOIN knowledge_posting p ON p.doc_no = c.doc_no AND p.token IN (${terms.map(() => '?').join(', ')})`,
      params,
    )) as Array<{ doc_no: number; token: string; impact: number }>;
    const byDoc = new Map<number, Map<string, number>>();
    for (const r of rows) {
      const docNo = Number(r.doc_no);
      let impacts = byDoc.get(docNo);
      if (!impacts) byDoc.set(docNo, (impacts = new Map()));
      impacts.set(r.token, Number(r.impact));
    }
    return [...byDoc.entries()].map(([docNo, impacts]) => ({ docNo, impacts }));
  }

  /** What the answer shows of the given articles, by article number. */
  async articles(docNos: readonly number[]): Promise<Map<number, SearchArticleRow>> {
    if (!docNos.length) return new Map();
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT doc_no, article_id, version_no, title, category, tags, language, snippet, published_at FROM knowledge_search
       WHERE doc_no IN (${docNos.map(() => '?').join(', ')})`,
      [...docNos],
    );
    return new Map(
      rows.map((r) => [
        Number(r.doc_no),
        {
          articleId: String(r.article_id),
          versionNo: Number(r.version_no),
          title: String(r.title),
          category: String(r.category),
          tags: JSON.parse(String(r.tags)) as string[],
          language: r.language as KnowledgeLanguage,
          snippet: String(r.snippet),
          publishedAt: r.published_at as Date,
        },
      ]),
    );
  }

  /**
   * A case's subject and description if it is within `scope` (read by the case feature's shared
   * columns); null when it is not, or when the case feature's table does not exist yet.
   */
  async caseText(caseId: string, scope: ScopeGrant): Promise<CaseText | null> {
    try {
      const rows: Array<{ id: string; subject: string; description: string | null; owner_id: string | null }> = await this.dataSource.query(
        'SELECT id, subject, description, owner_id FROM service_case WHERE id = ?',
        [caseId],
      );
      const row = rows[0];
      if (!row) return null;
      if (scope.scope !== 'all' && scope.owners !== null && !(row.owner_id !== null && scope.owners.includes(row.owner_id))) return null;
      return { id: row.id, subject: row.subject ?? '', description: row.description ?? '', ownerId: row.owner_id };
    } catch (err) {
      if ((err as { code?: string }).code === 'ER_NO_SUCH_TABLE') return null;
      throw err;
    }
  }
}
