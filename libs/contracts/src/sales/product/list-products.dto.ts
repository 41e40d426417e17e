import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PRODUCT_KINDS, type ProductKind } from './product.types.js';

export const PRODUCT_LIST_V1 = 'sales.product.list.v1';

/** Newest first; `q` matches the start of the sku or any part of the name. */
export class ListProductsDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  family?: string;

  @IsOptional()
  @IsIn(PRODUCT_KINDS)
  kind?: ProductKind;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  q?: string;

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
