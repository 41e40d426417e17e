import { IsUUID } from 'class-validator';

export const MARKETING_DOCUMENT_GET_V1 = 'marketing.document.get.v1';

/** Metadata and every version's metadata, never content (`document.read`). */
export class GetDocumentDto {
  @IsUUID(4)
  documentId: string;
}
