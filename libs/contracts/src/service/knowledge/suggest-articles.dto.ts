import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { ArticleSearchHit } from './knowledge.types.js';

export const CASE_SUGGEST_ARTICLES_V1 = 'service.case.suggest-articles.v1';

/**
 * Published articles for a case, ranked from its subject and description: either `caseId` (a case
 * within the caller's data scope) or the text itself (`subject` and/or `description`).
 */
export class SuggestArticlesDto {
  @IsOptional()
  @IsUUID(4)
  caseId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  limit?: number;
}

export interface ArticleSuggestions {
  caseId: string | null;
  items: ArticleSearchHit[];
  terms: string[];
}
