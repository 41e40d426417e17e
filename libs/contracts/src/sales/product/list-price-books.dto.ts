import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PRICE_BOOK_CHANNELS, PRICE_BOOK_SEGMENT_RE, type PriceBookChannel } from './product.types.js';

export const PRICE_BOOK_LIST_V1 = 'sales.price-book.list.v1';

/** Newest first. */
export class ListPriceBooksDto {
  @IsOptional()
  @IsIn(PRICE_BOOK_CHANNELS)
  channel?: PriceBookChannel;

  @IsOptional()
  @Matches(PRICE_BOOK_SEGMENT_RE, { message: 'segment must be a segment key, e.g. business' })
  segment?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor value returned by this list' })
  cursor?: string;
}
