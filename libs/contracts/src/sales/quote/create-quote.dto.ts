import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DATE_RE } from '../opportunity/opportunity.types.js';
import { QuoteHeaderDiscountDto, QuoteLineInputDto } from './quote.types.js';

export const QUOTE_CREATE_V1 = 'sales.quote.create.v1';

/**
 * A new quote (revision 1) for an opportunity in the caller's scope. Lines are priced through the
 * catalogue with the opportunity's channel and the account's segment, at the time of the call.
 * `validUntil` defaults to 30 days from today.
 */
export class CreateQuoteDto extends QuoteHeaderDiscountDto {
  @IsUUID()
  opportunityId: string;

  @ValidateNested({ each: true })
  @Type(() => QuoteLineInputDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  lines: QuoteLineInputDto[];

  @IsOptional()
  @Matches(DATE_RE, { message: 'validUntil must be a date, YYYY-MM-DD' })
  validUntil?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  terms?: string;
}
