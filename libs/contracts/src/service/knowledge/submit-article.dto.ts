import { ArticleTransitionDto } from './article-ref.dto.js';

export const KNOWLEDGE_SUBMIT_V1 = 'service.knowledge.submit.v1';

/** draft → in_review, by anyone holding `knowledge.write`. */
export class SubmitArticleDto extends ArticleTransitionDto {}
