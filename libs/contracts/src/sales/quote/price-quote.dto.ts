import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsUUID, ValidateNested } from 'class-validator';
import { QuoteHeaderDiscountDto, QuoteLineInputDto } from './quote.types.js';

export const QUOTE_PRICE_V1 = 'sales.quote.price.v1';

/**
 * Prices lines for an opportunity in the caller's scope exactly as `sales.quote.create.v1` would
 * (catalogue, configuration rules, discounts, tax, approval threshold) and stores nothing: the reply
 * is a quote view with an empty `quoteId`, `quoteNo` "PREVIEW" and revision 0 (its status says whether
 * it would wait for approval), for a front end's live totals while lines are edited. Needs `quote.read`.
 */
export class PriceQuoteDto extends QuoteHeaderDiscountDto {
  @IsUUID()
  opportunityId: string;

  @ValidateNested({ each: true })
  @Type(() => QuoteLineInputDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  lines: QuoteLineInputDto[];
}
