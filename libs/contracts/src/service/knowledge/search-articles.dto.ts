import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CATEGORY_RE, KNOWLEDGE_LANGUAGES, type KnowledgeLanguage } from './knowledge.types.js';

export const KNOWLEDGE_SEARCH_V1 = 'service.knowledge.search.v1';

/** Published articles ranked by relevance to `query` (Chinese and English alike); at most 50. */
export class SearchArticlesDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  query: string;

  @IsOptional()
  @IsString()
  @Matches(CATEGORY_RE, { message: 'category must be lower-case letters, digits, -, _ or /' })
  category?: string;

  @IsOptional()
  @IsIn(KNOWLEDGE_LANGUAGES)
  language?: KnowledgeLanguage;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
