import type { ArticlePublishedEventData } from './article-events.types.js';

/** A version was published: search shows it from now on. */
export const KNOWLEDGE_PUBLISHED_V1 = 'service.knowledge.published.v1';
export type ArticlePublishedData = ArticlePublishedEventData;
