import { ArticleTransitionDto } from './article-ref.dto.js';

export const KNOWLEDGE_APPROVE_V1 = 'service.knowledge.approve.v1';

/** in_review → approved, by someone holding `knowledge.publish` who did not write the version (else 4030). */
export class ApproveArticleDto extends ArticleTransitionDto {}
