import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';

/** What a transition takes: the article, its `version` last read (stale → 4090) and an optional note. */
export class ArticleTransitionDto {
  @IsUUID(4)
  articleId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
