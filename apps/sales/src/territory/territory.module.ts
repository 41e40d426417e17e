import { Global, Module } from '@nestjs/common';
import { TerritoryPlacement, type Placement } from './territory-placement.js';

/** Placeholder until territories land: no territory, no rule, the creator keeps the record. */
class NoTerritories extends TerritoryPlacement {
  place(): Promise<Placement> {
    return Promise.resolve({ territoryId: null, ownerId: null, ruleId: null });
  }
}

/** Sales: territories and assignment. */
@Global()
@Module({ providers: [{ provide: TerritoryPlacement, useClass: NoTerritories }], exports: [TerritoryPlacement] })
export class TerritoryModule {}
