import { IsIn, IsOptional, IsUUID } from 'class-validator';

export const QUOTE_DOCUMENT_V1 = 'sales.quote.document.v1';

export const QUOTE_DOCUMENT_FORMATS = ['html'] as const;

/** Renders the quote for the customer. Only HTML today (`format` is reserved for PDF). */
export class QuoteDocumentDto {
  @IsUUID()
  quoteId: string;

  @IsOptional()
  @IsIn(QUOTE_DOCUMENT_FORMATS)
  format?: (typeof QUOTE_DOCUMENT_FORMATS)[number];
}

export interface QuoteDocument {
  contentType: 'text/html';
  /** A complete UTF-8 HTML page. */
  content: string;
  fileName: string;
}
