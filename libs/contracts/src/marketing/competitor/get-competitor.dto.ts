import { IsUUID } from 'class-validator';

export const MARKETING_COMPETITOR_GET_V1 = 'marketing.competitor.get.v1';

export class GetCompetitorDto {
  @IsUUID(4)
  competitorId: string;
}
