import type { ArticleEventData } from './article-events.types.js';

/** A draft was edited, or a new draft version started from the published one. */
export const KNOWLEDGE_UPDATED_V1 = 'service.knowledge.updated.v1';
export type ArticleUpdatedData = ArticleEventData;
