import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { OPPORTUNITY_OUTCOMES, type OpportunityOutcome } from './opportunity.types.js';

export const OPPORTUNITY_CLOSE_V1 = 'sales.opportunity.close.v1';

/**
 * Closes an open opportunity as won or lost: it moves to its pipeline's won/lost stage (probability
 * 100/0 as the pipeline says) and `sales.opportunity.won.v1` / `lost.v1` is published.
 * `competitorId` (lost to) is added to `competitorIds`.
 */
export class CloseOpportunityDto {
  @IsUUID()
  opportunityId: string;

  @IsIn(OPPORTUNITY_OUTCOMES)
  outcome: OpportunityOutcome;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @IsOptional()
  @IsUUID()
  competitorId?: string;

  @IsInt()
  @Min(1)
  version: number;
}
