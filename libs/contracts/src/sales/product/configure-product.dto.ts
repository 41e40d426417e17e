import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { CURRENCY_RE } from '../../money.js';
import { PRICE_BOOK_CHANNELS, PRICE_BOOK_SEGMENT_RE, type ProductConfiguration, type PriceBookChannel } from './product.types.js';

export const PRODUCT_CONFIGURE_V1 = 'sales.product.configure.v1';

/**
 * Checks one configuration of a product and prices it (`product.read`), as a quote line would be:
 * with the most specific price book valid at `at` (default now) for `channel`/`segment`. A
 * configuration that breaks rules is 4220 naming every broken rule (`configuration.<key>`).
 */
export class ConfigureProductDto {
  @IsUUID(4)
  productId: string;

  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @IsObject()
  configuration: ProductConfiguration;

  @IsOptional()
  @IsIn(PRICE_BOOK_CHANNELS)
  channel?: PriceBookChannel;

  @IsOptional()
  @Matches(PRICE_BOOK_SEGMENT_RE, { message: 'segment must be a segment key, e.g. business' })
  segment?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code, e.g. CNY' })
  currency?: string;
}
