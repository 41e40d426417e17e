import { IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { PriceBookFieldsDto } from './price-book-fields.dto.js';

export const PRICE_BOOK_UPDATE_V1 = 'sales.price-book.update.v1';

/** Changes a price book (`product.write`); `entries`, when given, replace all of them. Stale `version` → 4090. */
export class UpdatePriceBookDto extends PriceBookFieldsDto {
  @IsUUID(4)
  priceBookId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  validFrom?: string;
}
