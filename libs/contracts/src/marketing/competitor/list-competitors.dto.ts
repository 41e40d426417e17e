import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { INDUSTRY_CODE_RE } from '../../industry-code.js';
import { MarketingPageDto } from './period.dto.js';

export const MARKETING_COMPETITOR_LIST_V1 = 'marketing.competitor.list.v1';

/** Newest first; `q` matches the name, `industry` a code they are strong in, `segment` likewise. */
export class ListCompetitorsDto extends MarketingPageDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @Matches(INDUSTRY_CODE_RE, { message: 'industry must be a GB/T 4754-2017 code, e.g. I or I65' })
  industry?: string;

  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,31}$/, { message: 'segment must be a segment key, e.g. enterprise' })
  segment?: string;
}
