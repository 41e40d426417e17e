import type { TerritoryView } from './team.types.js';

/** Published when a territory is created or changed: the territory after the change. */
export const SALES_TERRITORY_CHANGED_V1 = 'sales.territory.changed.v1';
export interface TerritoryChangedData extends TerritoryView {
  changedFields: string[];
}
