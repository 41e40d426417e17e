import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

export const MARKETING_DOCUMENT_DOWNLOAD_V1 = 'marketing.document.download.v1';

/** One version's content as base64 (`document.read`); without `versionNo`, the latest. */
export class DownloadDocumentDto {
  @IsUUID(4)
  documentId: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  versionNo?: number;
}
