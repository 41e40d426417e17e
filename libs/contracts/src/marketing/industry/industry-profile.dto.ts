import { IsOptional, Matches } from 'class-validator';
import { CURRENCY_RE } from '../../money.js';
import { MarketingPeriodDto } from '../competitor/period.dto.js';

export const MARKETING_INDUSTRY_PROFILE_V1 = 'marketing.industry.profile.v1';

/** Our figures for one industry (`competitor.read`): `I`, `I65` or `65`. */
export class IndustryProfileDto extends MarketingPeriodDto {
  @Matches(/^([A-Ta-t]|[A-Ta-t]?\d{2})$/, { message: 'industryCode must be a GB/T 4754-2017 section or division, e.g. I, I65 or 65' })
  industryCode: string;

  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code, e.g. CNY' })
  currency?: string;
}
