import { IsOptional, IsUUID } from 'class-validator';

export const SCORING_RULE_RESCORE_STATUS_V1 = 'marketing.scoring-rule.rescore-status.v1';

/** One re-scoring job's progress; without `jobId`, the latest job's. */
export class RescoreStatusDto {
  @IsOptional()
  @IsUUID()
  jobId?: string;
}
