import type { ArticleVersionState, KnowledgeLanguage } from './knowledge.types.js';

/** What every knowledge event carries: the article, the version concerned and its state after the change. */
export interface ArticleEventData {
  articleId: string;
  versionNo: number;
  state: ArticleVersionState;
  title: string;
  category: string;
  tags: string[];
  language: KnowledgeLanguage;
  authorId: string;
  /** The article's optimistic version after the change. */
  version: number;
}

export interface ArticlePublishedEventData extends ArticleEventData {
  approvedBy: string;
  publishedBy: string;
  publishedAt: string;
  /** The version this one replaced in search, if any. */
  supersededVersionNo: number | null;
}
