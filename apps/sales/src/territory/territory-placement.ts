import type { EntityManager } from 'typeorm';

/** What territory rules look at when a new account, lead or opportunity is placed. */
export interface PlacementInput {
  regionCode: string | null;
  industryCode: string | null;
  segment: string | null;
}

export interface Placement {
  territoryId: string | null;
  /** The owner the matching rule assigns (e.g. round-robin in the territory's team), if any. */
  ownerId: string | null;
  /** The rule that matched, for the record's history; null when none did. */
  ruleId: string | null;
}

/** Territory assignment for new records (TerritoryModule provides it to the whole app). */
export abstract class TerritoryPlacement {
  abstract place(m: EntityManager, input: PlacementInput): Promise<Placement>;
}
