import { IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../campaign/campaign.types.js';

export const PLAN_PROGRESS_V1 = 'marketing.plan.progress.v1';

/** Target, actual and expected-by-today per KPI; `asOf` (default today, UTC) for another day. */
export class PlanProgressDto {
  @IsUUID('4')
  planId: string;

  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}
