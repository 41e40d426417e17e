import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { INDUSTRY_LEVELS, type IndustryLevel } from './industry.types.js';

export const MARKETING_INDUSTRY_LIST_V1 = 'marketing.industry.list.v1';

/**
 * The reference data (`competitor.read`): 117 entries, answered whole rather than paged. `q`
 * matches Chinese or English names and codes; `section` keeps one section; `flat` answers a list of
 * entries (optionally of one `level`) instead of sections with their divisions.
 */
export class ListIndustriesDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @Matches(/^[A-T]$/, { message: 'section must be a section letter A–T' })
  section?: string;

  @IsOptional()
  @IsIn(INDUSTRY_LEVELS)
  level?: IndustryLevel;

  @IsOptional()
  @IsBoolean()
  flat?: boolean;
}
