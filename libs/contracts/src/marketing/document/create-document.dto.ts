import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DocumentContentDto } from './document-content.dto.js';
import { DOCUMENT_ROLE_RE, DOCUMENT_TAG_RE, DOCUMENT_TEAM_RE } from './document.types.js';

export const MARKETING_DOCUMENT_CREATE_V1 = 'marketing.document.create.v1';

/** A document with its first content version (`document.write`); the creator owns it. */
export class CreateDocumentDto extends DocumentContentDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(DOCUMENT_TAG_RE, { each: true, message: 'tags must be words of letters, digits, spaces, _ . -, at most 40 characters' })
  tags?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(DOCUMENT_ROLE_RE, { each: true, message: 'sharedRoles must be role names, e.g. sales' })
  sharedRoles?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(DOCUMENT_TEAM_RE, { each: true, message: 'sharedTeams must be team keys, e.g. sales/north' })
  sharedTeams?: string[];
}
