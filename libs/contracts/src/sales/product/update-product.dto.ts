import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { ProductFieldsDto, TAX_RATE_RE } from './product-fields.dto.js';
import { PRODUCT_UNITS, type ProductUnit } from './product.types.js';

export const PRODUCT_UPDATE_V1 = 'sales.product.update.v1';

/**
 * Changes a product (`product.write`): the fields given replace the current ones (a definition part
 * such as `rules` is replaced whole), then the whole definition is checked again. `version` is the
 * one read; a stale one is 4090. `sku`, `kind` and `currency` do not change.
 */
export class UpdateProductDto extends ProductFieldsDto {
  @IsUUID(4)
  productId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  family?: string;

  @IsOptional()
  @IsIn(PRODUCT_UNITS)
  unit?: ProductUnit;

  @IsOptional()
  @IsString()
  @Matches(TAX_RATE_RE, { message: 'taxRate must be a decimal fraction between 0 and 1, e.g. "0.06"' })
  taxRate?: string;
}
