/** The service app's knowledge contracts: one file per message beside this barrel. */
import { KNOWLEDGE_APPROVED_V1, type ArticleApprovedData } from './article-approved.event.js';
import { KNOWLEDGE_ARCHIVED_V1, type ArticleArchivedData } from './article-archived.event.js';
import { KNOWLEDGE_CREATED_V1, type ArticleCreatedData } from './article-created.event.js';
import { KNOWLEDGE_PUBLISHED_V1, type ArticlePublishedData } from './article-published.event.js';
import { KNOWLEDGE_SUBMITTED_V1, type ArticleSubmittedData } from './article-submitted.event.js';
import { KNOWLEDGE_UPDATED_V1, type ArticleUpdatedData } from './article-updated.event.js';

export * from './knowledge.types.js';
export * from './article-ref.dto.js';
export * from './create-article.dto.js';
export * from './update-article.dto.js';
export * from './submit-article.dto.js';
export * from './approve-article.dto.js';
export * from './publish-article.dto.js';
export * from './archive-article.dto.js';
export * from './get-article.dto.js';
export * from './list-articles.dto.js';
export * from './search-articles.dto.js';
export * from './suggest-articles.dto.js';
export type { ArticleEventData } from './article-events.types.js';
export * from './article-created.event.js';
export * from './article-updated.event.js';
export * from './article-submitted.event.js';
export * from './article-approved.event.js';
export * from './article-published.event.js';
export * from './article-archived.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface ServiceKnowledgeEventPayloads {
  [KNOWLEDGE_CREATED_V1]: ArticleCreatedData;
  [KNOWLEDGE_UPDATED_V1]: ArticleUpdatedData;
  [KNOWLEDGE_SUBMITTED_V1]: ArticleSubmittedData;
  [KNOWLEDGE_APPROVED_V1]: ArticleApprovedData;
  [KNOWLEDGE_PUBLISHED_V1]: ArticlePublishedData;
  [KNOWLEDGE_ARCHIVED_V1]: ArticleArchivedData;
}
