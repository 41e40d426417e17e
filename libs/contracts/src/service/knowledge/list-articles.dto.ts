import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { ARTICLE_VERSION_STATES, CATEGORY_RE, TAG_RE, type ArticleVersionState } from './knowledge.types.js';

export const KNOWLEDGE_LIST_V1 = 'service.knowledge.list.v1';

/** Newest first; published articles for everyone, unpublished ones within the caller's data scope. */
export class ListArticlesDto {
  @IsOptional()
  @IsIn(ARTICLE_VERSION_STATES)
  state?: ArticleVersionState;

  @IsOptional()
  @IsString()
  @Matches(CATEGORY_RE, { message: 'category must be lower-case letters, digits, -, _ or /' })
  category?: string;

  @IsOptional()
  @IsString()
  @Matches(TAG_RE, { message: 'tag is 1–32 characters without commas' })
  tag?: string;

  @IsOptional()
  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'authorId must be an employee ID' })
  authorId?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor value returned by this list' })
  cursor?: string;
}
