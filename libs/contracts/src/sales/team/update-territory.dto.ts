import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { AssignmentRuleDto, TerritoryCriteriaDto } from './territory-fields.dto.js';

export const SALES_TERRITORY_UPDATE_V1 = 'sales.territory.update.v1';

/** Absent fields are kept; `parentId`, `regionCode` and `teamId` take `null` to clear them. */
export class UpdateTerritoryDto extends TerritoryCriteriaDto {
  @IsUUID('4')
  territoryId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ValidateIf((o: UpdateTerritoryDto) => o.parentId !== undefined && o.parentId !== null)
  @IsUUID('4')
  parentId?: string | null;

  @ValidateIf((o: UpdateTerritoryDto) => o.teamId !== undefined && o.teamId !== null)
  @IsUUID('4')
  teamId?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => AssignmentRuleDto)
  rule?: AssignmentRuleDto;
}
