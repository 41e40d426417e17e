import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CURRENCY_RE } from '../../money.js';
import { ProductFieldsDto, TAX_RATE_RE } from './product-fields.dto.js';
import { PRODUCT_KINDS, PRODUCT_UNITS, SKU_RE, type ProductKind, type ProductUnit } from './product.types.js';

export const PRODUCT_CREATE_V1 = 'sales.product.create.v1';

/** A new catalogue product (`product.write`); `sku` is unique (4090 when taken); `sku` and `kind` never change. */
export class CreateProductDto extends ProductFieldsDto {
  @IsString()
  @Matches(SKU_RE, { message: 'sku may hold letters, digits and . _ - (at most 64)' })
  sku: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  family: string;

  @IsIn(PRODUCT_KINDS)
  kind: ProductKind;

  @IsIn(PRODUCT_UNITS)
  unit: ProductUnit;

  @IsString()
  @Matches(TAX_RATE_RE, { message: 'taxRate must be a decimal fraction between 0 and 1, e.g. "0.06"' })
  taxRate: string;

  /** The currency of the list prices; default CNY. */
  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code, e.g. CNY' })
  currency?: string;
}
