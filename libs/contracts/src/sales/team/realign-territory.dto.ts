import { Equals, IsBoolean, IsOptional, IsUUID, ValidateIf } from 'class-validator';

export const SALES_TERRITORY_REALIGN_V1 = 'sales.territory.realign.v1';

/**
 * Re-runs placement for existing accounts and open opportunities: those in `territoryId` (and its
 * subtree) or within its region, or every one with `all: true`. Exactly one of the two.
 */
export class RealignTerritoryDto {
  @ValidateIf((o: RealignTerritoryDto) => o.all !== true)
  @IsUUID('4', { message: 'territoryId must be a territory id (or pass all: true)' })
  territoryId?: string;

  @ValidateIf((o: RealignTerritoryDto) => o.territoryId === undefined)
  @Equals(true, { message: 'all must be true when no territoryId is given' })
  all?: boolean;

  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
