import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListArticlesDto } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { ArticleVersionEntity } from './article-version.entity.js';
import { ArticleEntity } from './article.entity.js';

/** Newest first (SPEC §6.0), the id breaking ties between articles created in the same millisecond. */
export const ARTICLE_LIST: KeysetList<Pick<ArticleEntity, 'createdAt' | 'id'>> = {
  name: 'service.knowledge.articles',
  keys: [
    { column: 'a.created_at', kind: 'time' },
    { column: 'a.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (a) => [a.createdAt, a.id],
};

/**
 * Which articles a caller sees: every article with a published version (the knowledge base is
 * shared), and unpublished ones whose owner is in `owners`; `null` = all (scope `all`, or a reviewer
 * holding `knowledge.publish`, who must see every submission).
 */
export type ArticleVisibility = readonly string[] | null;

const ARTICLE_COLUMNS =
  'a.id, a.owner_id AS ownerId, a.state, a.title, a.category, a.tags, a.language, a.published_version_no AS publishedVersionNo, ' +
  'a.working_version_no AS workingVersionNo, a.last_version_no AS lastVersionNo, a.version, a.created_at AS createdAt, a.updated_at AS updatedAt';

/** Every query of articles and their versions; the search index has its own repository. */
@Injectable()
export class KnowledgeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, article: Omit<ArticleEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<void> {
    await m.getRepository(ArticleEntity).insert(article);
  }

  async insertVersion(m: EntityManager, v: Omit<ArticleVersionEntity, 'createdAt' | 'updatedAt'>): Promise<ArticleVersionEntity> {
    await m.getRepository(ArticleVersionEntity).insert(v);
    return m.getRepository(ArticleVersionEntity).findOneByOrFail({ id: v.id });
  }

  /** The article if the caller sees it; `lock` holds it for a change in `m`'s transaction. */
  async find(
    id: string,
    visible: ArticleVisibility,
    m: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<ArticleEntity | null> {
    const q = this.visible(new KeysetQuery(ARTICLE_LIST).equal('a.id', id), visible).all(ARTICLE_COLUMNS, 'knowledge_article a');
    const rows: ArticleRow[] = await m.query(`${q.sql}${lock ? ' FOR UPDATE' : ''}`, q.params);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async versions(m: EntityManager, articleId: string, versionNos: Array<number | null>): Promise<ArticleVersionEntity[]> {
    const nos = versionNos.filter((n): n is number => n !== null);
    if (!nos.length) return [];
    return m
      .getRepository(ArticleVersionEntity)
      .createQueryBuilder('v')
      .where('v.articleId = :articleId AND v.versionNo IN (:...nos)', { articleId, nos })
      .getMany();
  }

  async update(m: EntityManager, id: string, patch: Partial<ArticleEntity>): Promise<ArticleEntity> {
    await m.getRepository(ArticleEntity).update({ id }, patch);
    return m.getRepository(ArticleEntity).findOneByOrFail({ id });
  }

  async updateVersion(m: EntityManager, id: string, patch: Partial<ArticleVersionEntity>): Promise<ArticleVersionEntity> {
    await m.getRepository(ArticleVersionEntity).update({ id }, patch);
    return m.getRepository(ArticleVersionEntity).findOneByOrFail({ id });
  }

  /** One page of `ARTICLE_LIST` after `position` (`limit + 1` rows). */
  async list(
    q: ListArticlesDto,
    limit: number,
    position: KeyValue[] | undefined,
    visible: ArticleVisibility,
    m: EntityManager = this.dataSource.manager,
  ): Promise<ArticleEntity[]> {
    const query = new KeysetQuery(ARTICLE_LIST).equal('a.state', q.state).equal('a.category', q.category).equal('a.owner_id', q.authorId);
    if (q.tag !== undefined) query.where('JSON_CONTAINS(a.tags, JSON_QUOTE(?))', q.tag);
    const { sql, params } = this.visible(query.after(position), visible).page(ARTICLE_COLUMNS, 'knowledge_article a', limit);
    const rows: ArticleRow[] = await m.query(sql, params);
    return rows.map(fromRow);
  }

  private visible(q: KeysetQuery, visible: ArticleVisibility): KeysetQuery {
    if (visible === null) return q;
    if (!visible.length) return q.where('a.published_version_no IS NOT NULL');
    return q.where('(a.published_version_no IS NOT NULL OR a.owner_id IN (?))', visible);
  }
}

interface ArticleRow extends Omit<ArticleEntity, 'tags'> {
  tags: string;
}

function fromRow(r: ArticleRow): ArticleEntity {
  return Object.assign(new ArticleEntity(), {
    ...r,
    tags: JSON.parse(r.tags) as string[],
    publishedVersionNo: r.publishedVersionNo === null ? null : Number(r.publishedVersionNo),
    workingVersionNo: r.workingVersionNo === null ? null : Number(r.workingVersionNo),
    lastVersionNo: Number(r.lastVersionNo),
    version: Number(r.version),
  });
}
