import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CURRENCY_RE } from '../../money.js';
import { PriceBookFieldsDto } from './price-book-fields.dto.js';
import { PRICE_BOOK_CHANNELS, PRICE_BOOK_SEGMENT_RE, type PriceBookChannel } from './product.types.js';

export const PRICE_BOOK_CREATE_V1 = 'sales.price-book.create.v1';

/**
 * A price book (`product.write`) for a channel, a segment or both (at least one), valid over
 * `[validFrom, validTo)`. Two books of the same channel and segment may not overlap in time (4090).
 * `channel`, `segment` and `currency` never change.
 */
export class CreatePriceBookDto extends PriceBookFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsIn(PRICE_BOOK_CHANNELS)
  channel?: PriceBookChannel | null;

  @IsOptional()
  @Matches(PRICE_BOOK_SEGMENT_RE, { message: 'segment must be a segment key, e.g. business' })
  segment?: string | null;

  /** Default CNY. */
  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code, e.g. CNY' })
  currency?: string;

  @IsISO8601({ strict: true })
  validFrom: string;
}
