import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { AssignmentRuleDto, TerritoryCriteriaDto } from './territory-fields.dto.js';

export const SALES_TERRITORY_CREATE_V1 = 'sales.territory.create.v1';

export class CreateTerritoryDto extends TerritoryCriteriaDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** The parent territory; a child's region must lie within the parent's. */
  @IsOptional()
  @IsUUID('4')
  parentId?: string;

  /** The team whose members `round-robin` and `least-loaded` choose among. */
  @IsOptional()
  @IsUUID('4')
  teamId?: string;

  @ValidateNested()
  @Type(() => AssignmentRuleDto)
  rule: AssignmentRuleDto;
}
