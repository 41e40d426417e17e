import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CompetitorFieldsDto } from './competitor-fields.dto.js';

export const MARKETING_COMPETITOR_CREATE_V1 = 'marketing.competitor.create.v1';

/** A competitor (`competitor.write`); `name` is unique, case-insensitively (a second one is 4090). */
export class CreateCompetitorDto extends CompetitorFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}
