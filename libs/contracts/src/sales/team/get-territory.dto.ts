import { IsUUID } from 'class-validator';

export const SALES_TERRITORY_GET_V1 = 'sales.territory.get.v1';

export class GetTerritoryDto {
  @IsUUID('4')
  territoryId: string;
}
