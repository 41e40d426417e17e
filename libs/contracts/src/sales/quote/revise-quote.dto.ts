import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { DATE_RE } from '../opportunity/opportunity.types.js';
import { QuoteHeaderDiscountDto, QuoteLineInputDto } from './quote.types.js';

export const QUOTE_REVISE_V1 = 'sales.quote.revise.v1';

/**
 * A new revision of a quote (same `quoteNo`, `revision + 1`), priced afresh; the revised one becomes
 * `superseded`. What is left out is taken from it (lines with their discounts, header discount,
 * validity, terms). An accepted or superseded quote cannot be revised (4090).
 */
export class ReviseQuoteDto extends QuoteHeaderDiscountDto {
  @IsUUID()
  quoteId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => QuoteLineInputDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  lines?: QuoteLineInputDto[];

  @IsOptional()
  @Matches(DATE_RE, { message: 'validUntil must be a date, YYYY-MM-DD' })
  validUntil?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  terms?: string;
}
