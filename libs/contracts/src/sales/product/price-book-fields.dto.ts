import { ArrayMaxSize, IsArray, IsBoolean, IsISO8601, IsOptional } from 'class-validator';
import type { PriceBookEntry } from './product.types.js';

/**
 * What create and update share. `entries` are checked as a whole by the server (each product
 * exists, each adder names an option value of it, tiers do not overlap): 4220 naming
 * `entries[i].<path>`.
 */
export class PriceBookFieldsDto {
  @IsOptional()
  @IsISO8601({ strict: true })
  validTo?: string | null;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  entries?: PriceBookEntry[];
}
