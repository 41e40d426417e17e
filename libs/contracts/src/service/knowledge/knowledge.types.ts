import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/**
 * Knowledge base (知识库, SPEC §6.3): articles with versions. A version goes draft → in_review →
 * approved → published; publishing a newer version supersedes the previous one, which stays visible
 * until then; archiving takes the article out of search. Writing and submitting drafts needs
 * `knowledge.write`; approving, publishing and archiving `knowledge.publish`, and never on a version
 * one wrote (4030). docs/service/knowledge.md walks through it.
 */
export const KNOWLEDGE_LANGUAGES = ['zh', 'en'] as const;
export type KnowledgeLanguage = (typeof KNOWLEDGE_LANGUAGES)[number];

export const ARTICLE_VERSION_STATES = ['draft', 'in_review', 'approved', 'published', 'superseded', 'archived'] as const;
export type ArticleVersionState = (typeof ARTICLE_VERSION_STATES)[number];

/** A category: lower-case words joined by `-` or `/` (`broadband`, `broadband/fault`). */
export const CATEGORY_RE = /^[a-z0-9][a-z0-9_/-]{0,63}$/;
export const TAG_RE = /^[^\s,][^,]{0,31}$/u;

/** The editable fields of an article version, each optional (an update changes what it names). */
export class ArticleFieldsDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(60_000)
  body?: string;

  @IsOptional()
  @IsString()
  @Matches(CATEGORY_RE, { message: 'category must be lower-case letters, digits, -, _ or / (at most 64)' })
  category?: string;

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

export interface ArticleVersionView {
  versionNo: number;
  state: ArticleVersionState;
  title: string;
  body: string;
  category: string;
  tags: string[];
  language: KnowledgeLanguage;
  /** Who created this version; `contributors` are everyone who edited it (none of them may approve it). */
  authorId: string;
  contributors: string[];
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleView {
  articleId: string;
  /** The state of the newest version. */
  state: ArticleVersionState;
  category: string;
  tags: string[];
  language: KnowledgeLanguage;
  /** The employee who created the article (its owner for data scopes). */
  authorId: string;
  /** What readers and search see, until a newer version is published. */
  published: ArticleVersionView | null;
  /** A version being written or reviewed (draft, in_review or approved), if any. */
  working: ArticleVersionView | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleSummary {
  articleId: string;
  state: ArticleVersionState;
  title: string;
  category: string;
  tags: string[];
  language: KnowledgeLanguage;
  authorId: string;
  publishedVersionNo: number | null;
  workingVersionNo: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ArticlePage {
  items: ArticleSummary[];
  nextCursor: string | null;
}

export interface ArticleSearchHit {
  articleId: string;
  versionNo: number;
  title: string;
  category: string;
  tags: string[];
  language: KnowledgeLanguage;
  /** Relevance (higher is better; comparable within one answer only). */
  score: number;
  /** The query terms the article holds, as read (`宽带`, `router`). */
  matchedTerms: string[];
  snippet: string;
  publishedAt: string;
}

export interface ArticleSearchResult {
  items: ArticleSearchHit[];
  /** The terms the query was searched as, in order. */
  terms: string[];
}
