import { ArrayMaxSize, IsArray, IsBoolean, IsObject, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { AttributeDef, BundleDef, OptionDef, PricingDef, RuleDef } from './product.types.js';

/** A tax rate as a decimal fraction with up to 4 places: `"0.06"`, `"0.13"`, `"0"`. */
export const TAX_RATE_RE = /^(0(\.[0-9]{1,4})?|1(\.0{1,4})?)$/;

/**
 * The fields create and update share. The definition parts (options … bundle) are only checked to
 * be arrays/objects here; the server checks them as a whole (types, references between them,
 * ranges, tiers) and answers 4220 naming each bad path.
 */
export class ProductFieldsDto {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  options?: OptionDef[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  attributes?: AttributeDef[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  rules?: RuleDef[];

  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsObject()
  pricing?: PricingDef | null;

  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsObject()
  bundle?: BundleDef | null;
}
