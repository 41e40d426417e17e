import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { KnowledgeLanguage, ScopeGrant } from '@crm/contracts';
import type { SearchCandidate } from './knowledge-ranking.js';

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

export interface SearchCandidateRow extends SearchCandidate {
  versionNo: number;
  category: string;
  tags: string[];
  language: KnowledgeLanguage;
  snippet: string;
  publishedAt: Date;
}

/** What suggestions read of a case (the case feature's shared columns). */
export interface CaseText {
  id: string;
  subject: string;
  description: string;
  ownerId: string | null;
}

/**
 * The search index: `knowledge_search` holds exactly the published articles (the latest published
 * version of each), so a search never filters on state and never sees drafts.
 */
@Injectable()
export class KnowledgeSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
  }

  async remove(m: EntityManager, articleId: string): Promise<void> {
    await m.query('DELETE FROM knowledge_search WHERE article_id = ?', [articleId]);
  }

  /**
   * The best `limit` candidates for a boolean-mode query over the encoded terms: found through the
   * title + body index, ordered by InnoDB's relevance with title hits weighted, each with the body
   * of its published version for the final ranking and the matched terms.
   */
  async candidates(
    against: string,
    titleWeight: number,
    filter: { category?: string; language?: KnowledgeLanguage },
    limit: number,
  ): Promise<SearchCandidateRow[]> {
    const where: string[] = ['MATCH(s.title_tokens, s.body_tokens) AGAINST (? IN BOOLEAN MODE)'];
    const params: unknown[] = [against, against, against];
    if (filter.category !== undefined) {
      where.push('s.category = ?');
      params.push(filter.category);
    }
    if (filter.language !== undefined) {
      where.push('s.language = ?');
      params.push(filter.language);
    }
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT c.*, v.body FROM (
         SELECT s.article_id, s.version_no, s.title, s.category, s.tags, s.language, s.snippet, s.published_at,
                MATCH(s.title_tokens) AGAINST (? IN BOOLEAN MODE) AS title_relevance,
                MATCH(s.title_tokens, s.body_tokens) AGAINST (? IN BOOLEAN MODE) AS all_relevance
         FROM knowledge_search s WHERE ${where.join(' AND ')}
         ORDER BY title_relevance * ${Number(titleWeight)} + all_relevance DESC, s.article_id
         LIMIT ?) c
       JOIN knowledge_article_version v ON v.article_id = c.article_id AND v.version_no = c.version_no`,
      [...params, limit],
    );
    return rows.map((r) => ({
      articleId: String(r.article_id),
      versionNo: Number(r.version_no),
      title: String(r.title),
      body: String(r.body),
      category: String(r.category),
      tags: JSON.parse(String(r.tags)) as string[],
      language: r.language as KnowledgeLanguage,
      snippet: String(r.snippet),
      publishedAt: r.published_at as Date,
      titleRelevance: Number(r.title_relevance),
      allRelevance: Number(r.all_relevance),
    }));
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
