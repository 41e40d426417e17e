import type { ArticleEventData } from './article-events.types.js';

/** A draft was submitted for review. */
export const KNOWLEDGE_SUBMITTED_V1 = 'service.knowledge.submitted.v1';
export type ArticleSubmittedData = ArticleEventData;
