import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TeamRepository } from '../team/team.repository.js';
import { TerritoryPlacement, type Placement, type PlacementInput } from './territory-placement.js';
import {
  effectiveRegions,
  eligibleOwners,
  leastLoaded,
  mostSpecific,
  nextRoundRobin,
  type MatchableTerritory,
} from './territory-matching.js';
import { TerritoryRepository, type TerritoryRow } from './territory.repository.js';

/** A territory ready for matching: its effective region and the employees its rule may choose. */
export interface LoadedTerritory extends MatchableTerritory {
  row: TerritoryRow;
  /** The team's members, or its manager when it has none; empty without a team. */
  assignable: string[];
}

/** Every territory, loaded once per placement or realignment batch. */
export interface TerritorySet {
  territories: LoadedTerritory[];
}

export interface CurrentAssignment {
  ownerId: string;
  territoryId: string | null;
}

/** Where a record moves; null from `realign` when it stays. */
export interface Move {
  territoryId: string | null;
  ownerId: string;
  ruleId: string | null;
}

/**
 * TerritoryPlacement for the whole app: the most specific matching territory (deepest region,
 * then industry, then segment, then priority) and the owner its rule picks. Round-robin and
 * least-loaded take the territory's assignment-state row lock in the caller's transaction, so
 * concurrent placements in one territory take turns instead of picking the same member.
 */
@Injectable()
export class TerritoryAssignment extends TerritoryPlacement {
  constructor(
    @Inject(TerritoryRepository) private readonly territories: TerritoryRepository,
    @Inject(TeamRepository) private readonly teams: TeamRepository,
  ) {
    super();
  }

  async load(m: EntityManager): Promise<TerritorySet> {
    const rows = await this.territories.all(m);
    const regions = effectiveRegions(rows);
    const teams = await this.teams.membersOf(m, [...new Set(rows.flatMap((r) => (r.teamId ? [r.teamId] : [])))]);
    return {
      territories: rows.map((row) => {
        const team = row.teamId ? teams.get(row.teamId) : undefined;
        return {
          id: row.id,
          regionCode: regions.get(row.id) ?? null,
          industryCodes: row.industryCodes,
          segments: row.segments,
          priority: row.priority,
          createdAt: row.createdAt,
          row,
          assignable: team ? (team.members.length ? [...team.members] : [team.managerId]) : [],
        };
      }),
    };
  }

  async place(m: EntityManager, input: PlacementInput): Promise<Placement> {
    const t = mostSpecific((await this.load(m)).territories, input);
    if (!t) return { territoryId: null, ownerId: null, ruleId: null };
    return { territoryId: t.id, ownerId: await this.pickOwner(m, t, false), ruleId: t.row.ruleId };
  }

  /**
   * Realignment of an existing record: it moves to the most specific territory now matching (none:
   * it leaves its territory and keeps its owner). Its owner stays while the new territory's rule
   * allows them (a member of its team, or its fixed owner); otherwise the rule picks one. A dry
   * run advances no round-robin turn.
   */
  async realign(
    m: EntityManager,
    set: TerritorySet,
    input: PlacementInput,
    current: CurrentAssignment,
    dryRun: boolean,
  ): Promise<Move | null> {
    const t = mostSpecific(set.territories, input);
    if (!t) return current.territoryId === null ? null : { territoryId: null, ownerId: current.ownerId, ruleId: null };
    const eligible = eligibleOwners(t.row.ruleKind, t.row.ruleOwnerId, t.assignable);
    const keepsOwner = eligible.length === 0 || eligible.includes(current.ownerId);
    if (t.id === current.territoryId && keepsOwner) return null;
    const ownerId = keepsOwner ? current.ownerId : ((await this.pickOwner(m, t, dryRun)) ?? current.ownerId);
    return { territoryId: t.id, ownerId, ruleId: t.row.ruleId };
  }

  private async pickOwner(m: EntityManager, t: LoadedTerritory, dryRun: boolean): Promise<string | null> {
    const kind = t.row.ruleKind;
    if (kind === 'fixed') return t.row.ruleOwnerId;
    if (!t.assignable.length) return null;
    const state = dryRun ? await this.territories.peekState(m, t.id) : await this.territories.lockState(m, t.id);
    const owner =
      kind === 'round-robin'
        ? nextRoundRobin(t.assignable, state.lastOwnerId)
        : leastLoaded(t.assignable, await this.territories.loads(m, t.assignable), state.lastOwnerId);
    if (owner !== null && !dryRun) await this.territories.saveState(m, t.id, owner);
    return owner;
  }
}
