import type { ArticleEventData } from './article-events.types.js';

/** The article left search; its versions are archived. */
export const KNOWLEDGE_ARCHIVED_V1 = 'service.knowledge.archived.v1';
export type ArticleArchivedData = ArticleEventData;
