import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { CompetitorFieldsDto } from './competitor-fields.dto.js';

export const MARKETING_COMPETITOR_UPDATE_V1 = 'marketing.competitor.update.v1';

/** Changes a competitor (`competitor.write`); `version` is required, a stale one is 4090. */
export class UpdateCompetitorDto extends CompetitorFieldsDto {
  @IsUUID(4)
  competitorId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
}
