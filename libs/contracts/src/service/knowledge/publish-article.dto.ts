import { ArticleTransitionDto } from './article-ref.dto.js';

export const KNOWLEDGE_PUBLISH_V1 = 'service.knowledge.publish.v1';

/** approved (or in_review: approve and publish in one step) → published; the previous published version is superseded. Not by a writer of the version (4030). */
export class PublishArticleDto extends ArticleTransitionDto {}
