import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  KNOWLEDGE_APPROVED_V1,
  KNOWLEDGE_ARCHIVED_V1,
  KNOWLEDGE_CREATED_V1,
  KNOWLEDGE_PUBLISHED_V1,
  KNOWLEDGE_SUBMITTED_V1,
  KNOWLEDGE_UPDATED_V1,
  type ArticlePage,
  type ArticleTransitionDto,
  type ArticleView,
  type CreateArticleDto,
  type ListArticlesDto,
  type UpdateArticleDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, holds, type CallContext } from '@crm/security';
import { mayDecide, nextVersionState, type ArticleAction } from './article-state.js';
import type { ArticleVersionEntity } from './article-version.entity.js';
import type { ArticleEntity } from './article.entity.js';
import { KnowledgeSearchRepository } from './knowledge-search.repository.js';
import { detectLanguage, indexText } from './knowledge-tokenizer.js';
import { logged, toArticleSummary, toArticleView, toEventData } from './knowledge.mapper.js';
import { ARTICLE_LIST, KnowledgeRepository, type ArticleVisibility } from './knowledge.repository.js';

type Decision = Extract<ArticleAction, 'submit' | 'approve' | 'publish'>;

/**
 * Knowledge articles and their versions. Each change locks the article, checks its `version`
 * (stale → 4090) and the state machine (article-state.ts), and records its operation-log entry and
 * event in its own transaction. Publishing writes the version's terms into `knowledge_search` in
 * the same transaction, so search shows exactly the published versions.
 */
@Injectable()
export class KnowledgeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(KnowledgeRepository) private readonly articles: KnowledgeRepository,
    @Inject(KnowledgeSearchRepository) private readonly index: KnowledgeSearchRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateArticleDto, ctx: CallContext): Promise<ArticleView> {
    const employeeId = actingEmployee(ctx);
    const id = randomUUID();
    const fields = {
      title: dto.title.trim(),
      body: dto.body,
      category: dto.category,
      tags: unique(dto.tags ?? []),
      language: dto.language ?? detectLanguage(`${dto.title}\n${dto.body}`),
    };
    return this.dataSource.transaction(async (m) => {
      await this.articles.insert(m, {
        id,
        ownerId: employeeId,
        state: 'draft',
        title: fields.title,
        category: fields.category,
        tags: fields.tags,
        language: fields.language,
        publishedVersionNo: null,
        workingVersionNo: 1,
        lastVersionNo: 1,
      });
      const v = await this.articles.insertVersion(m, newVersion(id, 1, fields, employeeId));
      const a = (await this.articles.find(id, null, m))!;
      await this.changes.record(m, ctx, {
        entity: 'knowledge-article',
        entityId: id,
        action: 'create',
        before: null,
        after: logged(v),
        event: { pattern: KNOWLEDGE_CREATED_V1, data: toEventData(a, v) },
      });
      return toArticleView(a, [v]);
    });
  }

  /**
   * Edits the working version (a submitted or approved one goes back to draft: what was reviewed
   * is no longer what would be published), or starts a new draft version from the published (or
   * archived) one; the published version stays visible until the new one is published.
   */
  async update(dto: UpdateArticleDto, ctx: CallContext): Promise<ArticleView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const a = await this.locked(m, dto.articleId, dto.version, ctx);
      const [working, base] = await this.workingAndBase(m, a);
      const source = working ?? base;
      const fields = {
        title: dto.title?.trim() ?? source.title,
        body: dto.body ?? source.body,
        category: dto.category ?? source.category,
        tags: dto.tags ? unique(dto.tags) : source.tags,
        language: dto.language ?? (dto.title !== undefined || dto.body !== undefined ? undefined : source.language),
      };
      const resolved = { ...fields, language: fields.language ?? detectLanguage(`${fields.title}\n${fields.body}`) };
      let v: ArticleVersionEntity;
      if (working) {
        if (nextVersionState(working.state, 'edit') === null) throw illegal(a, working, 'edit');
        v = await this.articles.updateVersion(m, working.id, {
          ...resolved,
          state: 'draft',
          contributors: unique([...working.contributors, employeeId]),
          submittedAt: null,
          approvedBy: null,
          approvedAt: null,
        });
      } else {
        v = await this.articles.insertVersion(m, newVersion(a.id, a.lastVersionNo + 1, resolved, employeeId));
      }
      const after = await this.articles.update(m, a.id, {
        state: 'draft',
        title: v.title,
        category: v.category,
        tags: v.tags,
        language: v.language,
        workingVersionNo: v.versionNo,
        lastVersionNo: Math.max(a.lastVersionNo, v.versionNo),
        version: a.version + 1,
      });
      await this.changes.record(m, ctx, {
        entity: 'knowledge-article',
        entityId: a.id,
        action: working ? 'edit' : 'new-version',
        before: working ? logged(working) : { versionNo: base.versionNo, state: base.state },
        after: logged(v),
        event: { pattern: KNOWLEDGE_UPDATED_V1, data: toEventData(after, v) },
      });
      return this.view(m, after);
    });
  }

  submit(dto: ArticleTransitionDto, ctx: CallContext): Promise<ArticleView> {
    return this.decide(dto, ctx, 'submit');
  }

  approve(dto: ArticleTransitionDto, ctx: CallContext): Promise<ArticleView> {
    return this.decide(dto, ctx, 'approve');
  }

  publish(dto: ArticleTransitionDto, ctx: CallContext): Promise<ArticleView> {
    return this.decide(dto, ctx, 'publish');
  }

  /** Takes the article out of search: its published and working versions are archived. */
  async archive(dto: ArticleTransitionDto, ctx: CallContext): Promise<ArticleView> {
    actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const a = await this.locked(m, dto.articleId, dto.version, ctx);
      const live = await this.articles.versions(m, a.id, [a.publishedVersionNo, a.workingVersionNo]);
      if (!live.length) throw new CrmError(ErrorCode.Conflict, `article ${a.id} is already archived`);
      const archived: ArticleVersionEntity[] = [];
      for (const v of live) archived.push(await this.articles.updateVersion(m, v.id, { state: 'archived' }));
      await this.index.remove(m, a.id);
      const after = await this.articles.update(m, a.id, {
        state: 'archived',
        publishedVersionNo: null,
        workingVersionNo: null,
        version: a.version + 1,
      });
      const newest = archived.reduce((x, y) => (y.versionNo > x.versionNo ? y : x));
      await this.changes.record(m, ctx, {
        entity: 'knowledge-article',
        entityId: a.id,
        action: 'archive',
        before: { state: a.state, publishedVersionNo: a.publishedVersionNo, workingVersionNo: a.workingVersionNo, note: null },
        after: { state: 'archived', publishedVersionNo: null, workingVersionNo: null, note: dto.note ?? null },
        event: { pattern: KNOWLEDGE_ARCHIVED_V1, data: toEventData(after, newest) },
      });
      return toArticleView(after, []);
    });
  }

  async get(articleId: string, ctx: CallContext): Promise<ArticleView> {
    const a = await this.articles.find(articleId, visibility(ctx));
    if (!a) throw new CrmError(ErrorCode.NotFound, `article ${articleId} not found`);
    return this.view(this.dataSource.manager, a);
  }

  async list(q: ListArticlesDto, ctx: CallContext): Promise<ArticlePage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(ARTICLE_LIST, q.cursor);
    return toPage(ARTICLE_LIST, this.cursors, await this.articles.list(q, limit, position, visibility(ctx)), limit, toArticleSummary);
  }

  /** submit (draft → in_review), approve (→ approved) and publish (→ published) of the working version. */
  private async decide(dto: ArticleTransitionDto, ctx: CallContext, action: Decision): Promise<ArticleView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const a = await this.locked(m, dto.articleId, dto.version, ctx);
      const [working] = await this.articles.versions(m, a.id, [a.workingVersionNo]);
      if (!working) throw new CrmError(ErrorCode.Conflict, `article ${a.id} has no version being written or reviewed: ${action} needs one`);
      const next = nextVersionState(working.state, action);
      if (next === null) throw illegal(a, working, action);
      if (action !== 'submit' && !mayDecide(working.contributors, employeeId))
        throw new CrmError(
          ErrorCode.Forbidden,
          `you wrote version ${working.versionNo} of article ${a.id}: another employee holding knowledge.publish must ${action} it`,
        );
      const now = new Date();
      const patch: Partial<ArticleVersionEntity> = { state: next };
      if (action === 'submit') patch.submittedAt = now;
      if (action === 'approve' || (action === 'publish' && working.approvedBy === null)) {
        patch.approvedBy = employeeId;
        patch.approvedAt = now;
      }
      if (action === 'publish') {
        patch.publishedBy = employeeId;
        patch.publishedAt = now;
      }
      const v = await this.articles.updateVersion(m, working.id, patch);
      let supersededVersionNo: number | null = null;
      if (action === 'publish') {
        const [previous] = await this.articles.versions(m, a.id, [a.publishedVersionNo]);
        if (previous) {
          await this.articles.updateVersion(m, previous.id, { state: 'superseded' });
          supersededVersionNo = previous.versionNo;
        }
        await this.index.put(m, {
          articleId: a.id,
          versionNo: v.versionNo,
          title: v.title,
          category: v.category,
          tags: v.tags,
          language: v.language,
          snippet: snippetOf(v.body),
          titleTokens: indexText(v.title),
          bodyTokens: indexText(v.body),
          publishedAt: now,
        });
      }
      const after = await this.articles.update(m, a.id, {
        state: next,
        ...(action === 'publish' ? { publishedVersionNo: v.versionNo, workingVersionNo: null } : {}),
        version: a.version + 1,
      });
      const data = toEventData(after, v);
      const entry = {
        entity: 'knowledge-article',
        entityId: a.id,
        action,
        before: { versionNo: working.versionNo, state: working.state, note: null },
        after: { versionNo: v.versionNo, state: v.state, note: dto.note ?? null, ...(supersededVersionNo ? { supersededVersionNo } : {}) },
      };
      switch (action) {
        case 'submit':
          await this.changes.record(m, ctx, { ...entry, event: { pattern: KNOWLEDGE_SUBMITTED_V1, data } });
          break;
        case 'approve':
          await this.changes.record(m, ctx, { ...entry, event: { pattern: KNOWLEDGE_APPROVED_V1, data } });
          break;
        case 'publish':
          await this.changes.record(m, ctx, {
            ...entry,
            event: {
              pattern: KNOWLEDGE_PUBLISHED_V1,
              data: { ...data, approvedBy: v.approvedBy!, publishedBy: employeeId, publishedAt: now.toISOString(), supersededVersionNo },
            },
          });
          break;
      }
      return this.view(m, after);
    });
  }

  private async locked(m: EntityManager, id: string, version: number, ctx: CallContext): Promise<ArticleEntity> {
    const a = await this.articles.find(id, visibility(ctx), m, true);
    if (!a) throw new CrmError(ErrorCode.NotFound, `article ${id} not found`);
    if (a.version !== version)
      throw new CrmError(ErrorCode.Conflict, `stale version: article ${id} is at version ${a.version}, not ${version}`);
    return a;
  }

  /** The working version (if any) and the newest other version (published, else the last one). */
  private async workingAndBase(m: EntityManager, a: ArticleEntity): Promise<[ArticleVersionEntity | null, ArticleVersionEntity]> {
    const vs = await this.articles.versions(m, a.id, [a.workingVersionNo, a.publishedVersionNo, a.lastVersionNo]);
    const working = vs.find((v) => v.versionNo === a.workingVersionNo) ?? null;
    const base = vs.find((v) => v.versionNo === a.publishedVersionNo) ?? vs.find((v) => v.versionNo === a.lastVersionNo)!;
    return [working, base];
  }

  private async view(m: EntityManager, a: ArticleEntity): Promise<ArticleView> {
    return toArticleView(a, await this.articles.versions(m, a.id, [a.publishedVersionNo, a.workingVersionNo]));
  }
}

/**
 * Published articles are everyone's (a shared knowledge base); unpublished ones follow the data
 * scope on their owner, except for reviewers (`knowledge.publish`), who must see every submission.
 */
export function visibility(ctx: CallContext): ArticleVisibility {
  if (holds(ctx, 'knowledge.publish')) return null;
  if (!ctx.scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
  return ctx.scope.scope === 'all' ? null : ctx.scope.owners;
}

function newVersion(
  articleId: string,
  versionNo: number,
  f: Pick<ArticleVersionEntity, 'title' | 'body' | 'category' | 'tags' | 'language'>,
  authorId: string,
): Omit<ArticleVersionEntity, 'createdAt' | 'updatedAt'> {
  return {
    id: randomUUID(),
    articleId,
    versionNo,
    state: 'draft',
    ...f,
    authorId,
    contributors: [authorId],
    submittedAt: null,
    approvedBy: null,
    approvedAt: null,
    publishedBy: null,
    publishedAt: null,
  };
}

function illegal(a: ArticleEntity, v: ArticleVersionEntity, action: ArticleAction): CrmError {
  return new CrmError(ErrorCode.Conflict, `version ${v.versionNo} of article ${a.id} is ${v.state}: it cannot be ${pastTense(action)}`);
}

function pastTense(action: ArticleAction): string {
  switch (action) {
    case 'edit':
      return 'edited';
    case 'submit':
      return 'submitted';
    case 'approve':
      return 'approved';
    case 'publish':
      return 'published';
    case 'archive':
      return 'archived';
  }
}

/** The first 280 characters, whitespace folded, cut at a character (not inside a surrogate pair). */
export function snippetOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= 280 ? flat : `${chars.slice(0, 279).join('')}…`;
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs.map((x) => x.trim()).filter((x) => x.length > 0))];
}
