import { IsOptional, IsUUID } from 'class-validator';
import { TeamPageDto } from './team.types.js';

export const SALES_TERRITORY_LIST_V1 = 'sales.territory.list.v1';

/** Newest first; filtered by parent (the children of one territory) or owning team. */
export class ListTerritoriesDto extends TeamPageDto {
  @IsOptional()
  @IsUUID('4')
  parentId?: string;

  @IsOptional()
  @IsUUID('4')
  teamId?: string;
}
