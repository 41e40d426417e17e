import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const RECOMMENDATION_LIST_V1 = 'service.recommendation.list.v1';

/** Products and services to suggest to an account, best first (at most `limit`, default 10, ≤ 50). */
export class ListRecommendationsDto {
  @IsUUID()
  accountId: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
