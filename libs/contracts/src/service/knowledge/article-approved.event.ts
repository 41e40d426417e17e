import type { ArticleEventData } from './article-events.types.js';

/** A version in review was approved by another employee. */
export const KNOWLEDGE_APPROVED_V1 = 'service.knowledge.approved.v1';
export type ArticleApprovedData = ArticleEventData;
