import { ArrayMaxSize, IsArray, IsInt, IsUUID, Matches, Min } from 'class-validator';
import { DOCUMENT_ROLE_RE, DOCUMENT_TEAM_RE } from './document.types.js';

export const MARKETING_DOCUMENT_SHARE_V1 = 'marketing.document.share.v1';

/** Sets who a document is shared with (`document.write`): both lists replace the stored ones. */
export class ShareDocumentDto {
  @IsUUID(4)
  documentId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsArray()
  @ArrayMaxSize(20)
  @Matches(DOCUMENT_ROLE_RE, { each: true, message: 'roles must be role names, e.g. sales' })
  roles: string[];

  @IsArray()
  @ArrayMaxSize(50)
  @Matches(DOCUMENT_TEAM_RE, { each: true, message: 'teams must be team keys, e.g. sales/north' })
  teams: string[];
}
