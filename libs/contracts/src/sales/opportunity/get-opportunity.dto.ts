import { IsUUID } from 'class-validator';

export const OPPORTUNITY_GET_V1 = 'sales.opportunity.get.v1';

/** Answers the OpportunityDetail (view + stage history). */
export class GetOpportunityDto {
  @IsUUID()
  opportunityId: string;
}
