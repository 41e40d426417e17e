import { IsUUID } from 'class-validator';

export const PLAN_GET_V1 = 'marketing.plan.get.v1';

export class GetPlanDto {
  @IsUUID('4')
  planId: string;
}
