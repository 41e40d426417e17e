import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { QUOTA_OWNER_KINDS, QUOTA_PERIODS, TeamPageDto, type QuotaOwnerKind, type QuotaPeriod } from './team.types.js';

export const SALES_QUOTA_LIST_V1 = 'sales.quota.list.v1';

/** Latest period first; `at` (a date) keeps the quotas whose period contains it. */
export class ListQuotasDto extends TeamPageDto {
  @IsOptional()
  @IsIn(QUOTA_OWNER_KINDS)
  ownerKind?: QuotaOwnerKind;

  @IsOptional()
  @IsString()
  @MaxLength(36)
  ownerId?: string;

  @IsOptional()
  @IsIn(QUOTA_PERIODS)
  period?: QuotaPeriod;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'at must be a date, e.g. 2026-11-15' })
  at?: string;
}
