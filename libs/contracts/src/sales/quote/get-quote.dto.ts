import { IsUUID } from 'class-validator';

export const QUOTE_GET_V1 = 'sales.quote.get.v1';

export class GetQuoteDto {
  @IsUUID()
  quoteId: string;
}
