import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DocumentContentDto } from './document-content.dto.js';
import { DOCUMENT_TAG_RE } from './document.types.js';

export const MARKETING_DOCUMENT_UPDATE_V1 = 'marketing.document.update.v1';

/** Changes metadata and/or uploads a new content version (`document.write`); stale `version` → 4090. */
export class UpdateDocumentDto {
  @IsUUID(4)
  documentId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(DOCUMENT_TAG_RE, { each: true, message: 'tags must be words of letters, digits, spaces, _ . -, at most 40 characters' })
  tags?: string[];

  /** A new content version. */
  @IsOptional()
  @ValidateNested()
  @Type(() => DocumentContentDto)
  content?: DocumentContentDto;
}
