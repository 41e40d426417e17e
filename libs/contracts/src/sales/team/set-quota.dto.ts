import { IsIn, IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { CURRENCY_RE, IsMoney } from '../../money.js';
import { QUOTA_OWNER_KINDS, QUOTA_PERIODS, type QuotaOwnerKind, type QuotaPeriod } from './team.types.js';

export const SALES_QUOTA_SET_V1 = 'sales.quota.set.v1';

/**
 * Sets the quota of an employee or a team for one period. `periodStart` is the first day of the
 * month, quarter or year; the end follows from `period`. Changing an existing quota requires its
 * `version` (the first set of a period has none).
 */
export class SetQuotaDto {
  @IsIn(QUOTA_OWNER_KINDS)
  ownerKind: QuotaOwnerKind;

  /** Employee ID for `employee`, team id for `team`. */
  @IsString()
  @Matches(/^(E[0-9]{1,15}|[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/, {
    message: 'ownerId must be an employee ID or a team id',
  })
  ownerId: string;

  @IsIn(QUOTA_PERIODS)
  period: QuotaPeriod;

  @IsString()
  @Matches(/^\d{4}-\d{2}-01$/, { message: 'periodStart must be the first day of a month, e.g. 2026-10-01' })
  periodStart: string;

  @IsMoney()
  amount: string;

  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code, e.g. CNY' })
  currency?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
