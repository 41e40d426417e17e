import type { ArticleEventData, ArticleSummary, ArticleVersionView, ArticleView } from '@crm/contracts';
import type { ArticleVersionEntity } from './article-version.entity.js';
import type { ArticleEntity } from './article.entity.js';

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

export function toVersionView(v: ArticleVersionEntity): ArticleVersionView {
  return {
    versionNo: v.versionNo,
    state: v.state,
    title: v.title,
    body: v.body,
    category: v.category,
    tags: v.tags,
    language: v.language,
    authorId: v.authorId,
    contributors: v.contributors,
    submittedAt: iso(v.submittedAt),
    approvedBy: v.approvedBy,
    approvedAt: iso(v.approvedAt),
    publishedBy: v.publishedBy,
    publishedAt: iso(v.publishedAt),
    createdAt: iso(v.createdAt)!,
    updatedAt: iso(v.updatedAt)!,
  };
}

/** The article with its visible published version and its working version (whichever exist). */
export function toArticleView(a: ArticleEntity, versions: readonly ArticleVersionEntity[]): ArticleView {
  const byNo = (no: number | null) => (no === null ? null : (versions.find((v) => v.versionNo === no) ?? null));
  const published = byNo(a.publishedVersionNo);
  const working = byNo(a.workingVersionNo);
  return {
    articleId: a.id,
    state: a.state,
    category: a.category,
    tags: a.tags,
    language: a.language,
    authorId: a.ownerId,
    published: published && toVersionView(published),
    working: working && toVersionView(working),
    version: a.version,
    createdAt: iso(a.createdAt)!,
    updatedAt: iso(a.updatedAt)!,
  };
}

export function toArticleSummary(a: ArticleEntity): ArticleSummary {
  return {
    articleId: a.id,
    state: a.state,
    title: a.title,
    category: a.category,
    tags: a.tags,
    language: a.language,
    authorId: a.ownerId,
    publishedVersionNo: a.publishedVersionNo,
    workingVersionNo: a.workingVersionNo,
    version: a.version,
    createdAt: iso(a.createdAt)!,
    updatedAt: iso(a.updatedAt)!,
  };
}

/** The event fields of a change to version `v` of article `a` (after the change). */
export function toEventData(a: ArticleEntity, v: ArticleVersionEntity): ArticleEventData {
  return {
    articleId: a.id,
    versionNo: v.versionNo,
    state: v.state,
    title: v.title,
    category: v.category,
    tags: v.tags,
    language: v.language,
    authorId: v.authorId,
    version: a.version,
  };
}

/** What the operation log shows of a version (the body by length, not content). */
export function logged(v: ArticleVersionEntity): Record<string, unknown> {
  return {
    versionNo: v.versionNo,
    state: v.state,
    title: v.title,
    bodyLength: v.body.length,
    category: v.category,
    tags: v.tags,
    language: v.language,
  };
}
