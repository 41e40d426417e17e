import { IsInt, IsUUID, Min } from 'class-validator';
import { ArticleFieldsDto } from './knowledge.types.js';

export const KNOWLEDGE_UPDATE_V1 = 'service.knowledge.update.v1';

/**
 * Edits the article's working version (back to draft if it was submitted or approved), or, when
 * there is none, starts a new draft version from the published one, which stays visible.
 */
export class UpdateArticleDto extends ArticleFieldsDto {
  @IsUUID(4)
  articleId: string;

  @IsInt()
  @Min(1)
  version: number;
}
