import type { TerritoryView } from '@crm/contracts';
import type { TerritoryRow } from './territory.repository.js';

export function toTerritoryView(t: TerritoryRow): TerritoryView {
  return {
    territoryId: t.id,
    name: t.name,
    parentId: t.parentId,
    regionCode: t.regionCode,
    industryCodes: t.industryCodes,
    segments: t.segments,
    teamId: t.teamId,
    rule: { ruleId: t.ruleId, kind: t.ruleKind, ownerId: t.ruleOwnerId },
    priority: t.priority,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
