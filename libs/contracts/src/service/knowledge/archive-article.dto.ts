import { ArticleTransitionDto } from './article-ref.dto.js';

export const KNOWLEDGE_ARCHIVE_V1 = 'service.knowledge.archive.v1';

/** Takes the article out of search: its published and working versions are archived (`knowledge.publish`). */
export class ArchiveArticleDto extends ArticleTransitionDto {}
