import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CATEGORY_RE, KNOWLEDGE_LANGUAGES, TAG_RE, type KnowledgeLanguage } from './knowledge.types.js';

export const KNOWLEDGE_CREATE_V1 = 'service.knowledge.create.v1';

/** A new article: its first version, a draft written by the caller (`knowledge.write`). */
export class CreateArticleDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @IsString()
  @MinLength(1)
  @MaxLength(60_000)
  body: string;

  @IsString()
  @Matches(CATEGORY_RE, { message: 'category must be lower-case letters, digits, -, _ or / (at most 64)' })
  category: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(TAG_RE, { each: true, message: 'each tag is 1–32 characters without commas or leading spaces' })
  tags?: string[];

  /** Detected from the title and body when absent. */
  @IsOptional()
  @IsIn(KNOWLEDGE_LANGUAGES)
  language?: KnowledgeLanguage;
}
