import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MarketingPageDto } from '../competitor/period.dto.js';
import { DOCUMENT_TAG_RE } from './document.types.js';

export const MARKETING_DOCUMENT_LIST_V1 = 'marketing.document.list.v1';

/** The documents the employee may see, newest first; `q` matches the title, `tag` one tag. */
export class ListDocumentsDto extends MarketingPageDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @Matches(DOCUMENT_TAG_RE, { message: 'tag must be a tag' })
  tag?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  ownerId?: string;
}
