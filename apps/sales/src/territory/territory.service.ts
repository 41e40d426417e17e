import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  SALES_TERRITORY_CHANGED_V1,
  type CreateTerritoryDto,
  type FieldError,
  type ListTerritoriesDto,
  type TerritoryPage,
  type TerritoryView,
  type UpdateTerritoryDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { effectiveRegions, regionWithin } from './territory-matching.js';
import { toTerritoryView } from './territory.mapper.js';
import { TERRITORY_LIST, TerritoryRepository, type TerritoryFields, type TerritoryRow } from './territory.repository.js';

const TRACKED = ['name', 'parentId', 'regionCode', 'industryCodes', 'segments', 'teamId', 'ruleKind', 'ruleOwnerId', 'priority'] as const;
const DEFAULT_PRIORITY = 100;

/**
 * Territories: a region tree with industry and segment criteria, an owning team and one assignment
 * rule each. Each change records its operation-log entry and `sales.territory.changed.v1`.
 * Changing a territory does not move existing records: `sales.territory.realign.v1` does.
 */
@Injectable()
export class TerritoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(TerritoryRepository) private readonly territories: TerritoryRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateTerritoryDto, ctx: CallContext): Promise<TerritoryView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const fields: TerritoryFields = {
        name: dto.name.trim(),
        parentId: dto.parentId ?? null,
        regionCode: dto.regionCode ?? null,
        industryCodes: unique(dto.industryCodes ?? []),
        segments: unique(dto.segments ?? []),
        teamId: dto.teamId ?? null,
        ruleId: randomUUID(),
        ruleKind: dto.rule.kind,
        ruleOwnerId: dto.rule.ownerId ?? null,
        priority: dto.priority ?? DEFAULT_PRIORITY,
      };
      const id = randomUUID();
      await this.check(m, id, fields);
      const created = await this.territories.insert(m, id, fields, employeeId);
      await this.record(m, ctx, 'create', null, created);
      return toTerritoryView(created);
    });
  }

  async update(dto: UpdateTerritoryDto, ctx: CallContext): Promise<TerritoryView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const before = await this.territories.find(dto.territoryId, m, true);
      if (!before) throw notFound(dto.territoryId);
      if (before.version !== dto.version)
        throw new CrmError(ErrorCode.Conflict, `stale version: territory ${before.id} is at version ${before.version}`);
      const fields: TerritoryFields = {
        name: dto.name?.trim() ?? before.name,
        parentId: dto.parentId === undefined ? before.parentId : dto.parentId,
        regionCode: dto.regionCode === undefined ? before.regionCode : dto.regionCode,
        industryCodes: dto.industryCodes ? unique(dto.industryCodes) : before.industryCodes,
        segments: dto.segments ? unique(dto.segments) : before.segments,
        teamId: dto.teamId === undefined ? before.teamId : dto.teamId,
        ruleId: before.ruleId,
        ruleKind: dto.rule?.kind ?? before.ruleKind,
        ruleOwnerId: dto.rule ? (dto.rule.ownerId ?? null) : before.ruleOwnerId,
        priority: dto.priority ?? before.priority,
      };
      const changed = TRACKED.filter((f) => JSON.stringify(fields[f]) !== JSON.stringify(before[f]));
      if (!changed.length) return toTerritoryView(before);
      // A new rule id whenever who the rule may pick changes, so a record's history names the rule it got.
      if (changed.some((f) => f === 'ruleKind' || f === 'ruleOwnerId' || f === 'teamId')) fields.ruleId = randomUUID();
      await this.check(m, before.id, fields);
      const after = await this.territories.update(m, before.id, fields, before.version + 1, employeeId);
      await this.record(m, ctx, 'update', before, after);
      return toTerritoryView(after);
    });
  }

  async get(territoryId: string): Promise<TerritoryView> {
    const t = await this.territories.find(territoryId);
    if (!t) throw notFound(territoryId);
    return toTerritoryView(t);
  }

  async list(q: ListTerritoriesDto): Promise<TerritoryPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(TERRITORY_LIST, q.cursor);
    return toPage(TERRITORY_LIST, this.cursors, await this.territories.list(q, limit, position), limit, toTerritoryView);
  }

  /** The domain checks of a territory about to be stored as `fields` (4220 naming each field). */
  private async check(m: EntityManager, id: string, fields: TerritoryFields): Promise<void> {
    const errors: FieldError[] = [];
    const fail = (field: string, reason: string) => errors.push({ field, reasons: [reason] });
    if (fields.ruleKind === 'fixed' && !fields.ruleOwnerId) fail('rule.ownerId', 'a fixed rule needs its owner');
    if (fields.ruleKind !== 'fixed' && fields.ruleOwnerId)
      fail('rule.ownerId', `a ${fields.ruleKind} rule picks among the team: no ownerId`);
    if (fields.ruleKind !== 'fixed' && !fields.teamId) fail('teamId', `a ${fields.ruleKind} rule needs a team`);
    if (fields.teamId && !(await this.territories.teamExists(m, fields.teamId))) fail('teamId', 'unknown team');
    const all = (await this.territories.all(m)).filter((t) => t.id !== id);
    const tree = [...all, { id, parentId: fields.parentId, regionCode: fields.regionCode }];
    if (fields.parentId !== null) {
      if (!all.some((t) => t.id === fields.parentId)) fail('parentId', 'unknown territory');
      else if (ancestors(tree, fields.parentId).includes(id) || fields.parentId === id)
        fail('parentId', 'a territory cannot lie under itself');
      else {
        const outer = effectiveRegions(tree).get(fields.parentId) ?? null;
        if (fields.regionCode !== null && outer !== null && !regionWithin(fields.regionCode, outer))
          fail('regionCode', `must lie within the parent's region ${outer}`);
      }
    }
    if (!errors.length && fields.regionCode !== null) {
      const regions = effectiveRegions(tree);
      const outside = all.filter((c) => c.parentId === id && c.regionCode !== null && !regionWithin(c.regionCode, regions.get(id)!));
      if (outside.length) fail('regionCode', `child territories ${outside.map((c) => c.name).join(', ')} would lie outside it`);
    }
    if (errors.length) throw new CrmError(ErrorCode.ValidationFailed, 'territory failed validation', errors);
  }

  private async record(
    m: EntityManager,
    ctx: CallContext,
    action: string,
    before: TerritoryRow | null,
    after: TerritoryRow,
  ): Promise<void> {
    const changedFields = TRACKED.filter((f) => !before || JSON.stringify(before[f]) !== JSON.stringify(after[f]));
    await this.changes.record(m, ctx, {
      entity: 'territory',
      entityId: after.id,
      action,
      before: before && pick(before),
      after: pick(after),
      event: { pattern: SALES_TERRITORY_CHANGED_V1, data: { ...toTerritoryView(after), changedFields } },
    });
  }
}

function ancestors(rows: ReadonlyArray<{ id: string; parentId: string | null }>, from: string): string[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: string[] = [];
  let cur = byId.get(from);
  while (cur?.parentId && !out.includes(cur.parentId)) {
    out.push(cur.parentId);
    cur = byId.get(cur.parentId);
  }
  return out;
}

function pick(t: TerritoryRow): Record<string, unknown> {
  return { ...Object.fromEntries(TRACKED.map((f) => [f, t[f]])), ruleId: t.ruleId };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function notFound(id: string): CrmError {
  return new CrmError(ErrorCode.NotFound, `territory ${id} not found`);
}
