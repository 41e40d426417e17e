import type { ArticleEventData } from './article-events.types.js';

/** A new article and its first draft version. */
export const KNOWLEDGE_CREATED_V1 = 'service.knowledge.created.v1';
export type ArticleCreatedData = ArticleEventData;
