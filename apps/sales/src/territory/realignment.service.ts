import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  SALES_ACCOUNT_REASSIGNED_V1,
  SALES_OPPORTUNITY_REASSIGNED_V1,
  type RealignmentMoveView,
  type RealignmentView,
  type RealignTerritoryDto,
} from '@crm/contracts';
import { ChangeRecorder, type ChangeContext } from '@crm/outbox';
import { outsideCall, retryOnDeadlock } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { TerritoryAssignment } from './territory-assignment.js';
import { regionPrefix } from './territory-matching.js';
import { RealignmentRepository, type Placeable, type RealignedEntity, type RealignmentScope } from './realignment.repository.js';

export const REALIGNMENT_BATCH = 500;
export const REALIGNMENT_REASON = 'territory-realignment';

/**
 * Realignment: placement run again over existing accounts and open opportunities. Batches of
 * REALIGNMENT_BATCH records each commit in their own transaction (rows locked, each move with its
 * operation-log entry and `sales.<entity>.reassigned.v1`, the run's progress), so a long run
 * neither holds locks for long nor loses finished batches; running it again is harmless since
 * a placed record does not move. A dry run reads without locks and writes only its progress row.
 */
@Injectable()
export class RealignmentService {
  private readonly log = new Logger('RealignmentService');
  batchSize = REALIGNMENT_BATCH;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(RealignmentRepository) private readonly runs: RealignmentRepository,
    @Inject(TerritoryAssignment) private readonly assignment: TerritoryAssignment,
  ) {}

  /** Records the run and starts it in the background; progress through `get`. */
  async start(dto: RealignTerritoryDto, ctx: CallContext): Promise<RealignmentView> {
    const requestedBy = actingEmployee(ctx);
    const id = randomUUID();
    const territoryId = dto.territoryId ?? null;
    const dryRun = dto.dryRun ?? false;
    const scope = await this.dataSource.transaction(async (m) => {
      const s = territoryId === null ? null : await this.scopeOf(m, territoryId);
      await this.runs.insert(m, { id, territoryId, dryRun, requestedBy });
      return s;
    });
    const context: ChangeContext = { caller: ctx.caller, employeeId: requestedBy, requestId: ctx.requestId ?? undefined };
    // The run outlives the call: the call's deadline must not stop it.
    void outsideCall(() => this.run(id, scope, dryRun, context));
    return (await this.runs.find(id))!;
  }

  async get(realignmentId: string): Promise<RealignmentView> {
    const r = await this.runs.find(realignmentId);
    if (!r) throw new CrmError(ErrorCode.NotFound, `realignment ${realignmentId} not found`);
    return r;
  }

  /** The whole run: accounts first, then open opportunities; never throws (a failure is the run's status). */
  async run(id: string, scope: RealignmentScope, dryRun: boolean, ctx: ChangeContext): Promise<void> {
    try {
      for (const entity of ['account', 'opportunity'] as const) {
        let after = '';
        for (;;) {
          const last = await retryOnDeadlock(() =>
            this.dataSource.transaction((m) => this.batch(m, id, entity, scope, after, dryRun, ctx)),
          );
          if (last === null) break;
          after = last;
        }
      }
      await this.runs.finish(id, 'completed', null);
    } catch (err) {
      this.log.error(`realignment ${id} failed: ${(err as Error).message}`);
      await this.runs.finish(id, 'failed', 'realignment stopped; finished batches stay moved, run it again').catch(() => undefined);
    }
  }

  /** One batch in `m`'s transaction; the last id it read, or null when there was nothing left. */
  async batch(
    m: EntityManager,
    id: string,
    entity: RealignedEntity,
    scope: RealignmentScope,
    after: string,
    dryRun: boolean,
    ctx: ChangeContext,
  ): Promise<string | null> {
    const rows = await this.runs.batch(m, entity, scope, after, this.batchSize, !dryRun);
    if (!rows.length) return null;
    const set = await this.assignment.load(m);
    const moves: RealignmentMoveView[] = [];
    for (const row of rows) {
      const move = await this.assignment.realign(m, set, row, row, dryRun);
      if (!move) continue;
      moves.push({
        entity,
        id: row.id,
        from: { ownerId: row.ownerId, territoryId: row.territoryId },
        to: { ownerId: move.ownerId, territoryId: move.territoryId },
        ruleId: move.ruleId,
      });
      if (!dryRun) {
        await this.runs.move(m, entity, row.id, move.ownerId, move.territoryId);
        await this.record(m, ctx, id, entity, row, move);
      }
    }
    await this.runs.progress(m, id, rows.length, moves);
    return rows[rows.length - 1]!.id;
  }

  private async record(
    m: EntityManager,
    ctx: ChangeContext,
    realignmentId: string,
    entity: RealignedEntity,
    row: Placeable,
    move: { ownerId: string; territoryId: string | null; ruleId: string | null },
  ): Promise<void> {
    const moved = {
      ownerId: move.ownerId,
      territoryId: move.territoryId,
      previousOwnerId: row.ownerId,
      previousTerritoryId: row.territoryId,
      version: row.version + 1,
      reason: REALIGNMENT_REASON,
      realignmentId,
      ruleId: move.ruleId,
    };
    const change = {
      entityId: row.id,
      action: 'realign',
      before: { ownerId: row.ownerId, territoryId: row.territoryId },
      after: { ownerId: move.ownerId, territoryId: move.territoryId, ruleId: move.ruleId, realignmentId },
    };
    if (entity === 'account')
      await this.changes.record(m, ctx, {
        entity,
        ...change,
        event: { pattern: SALES_ACCOUNT_REASSIGNED_V1, data: { accountId: row.id, ...moved } },
      });
    else
      await this.changes.record(m, ctx, {
        entity,
        ...change,
        event: { pattern: SALES_OPPORTUNITY_REASSIGNED_V1, data: { opportunityId: row.id, ...moved } },
      });
  }

  /** A territory's realignment covers its subtree's records and every record within its region. */
  private async scopeOf(m: EntityManager, territoryId: string): Promise<RealignmentScope> {
    const set = await this.assignment.load(m);
    const t = set.territories.find((x) => x.id === territoryId);
    if (!t) throw new CrmError(ErrorCode.NotFound, `territory ${territoryId} not found`);
    if (t.regionCode === null) return null;
    const subtree = new Set([territoryId]);
    for (let grew = true; grew;) {
      grew = false;
      for (const x of set.territories)
        if (x.row.parentId && subtree.has(x.row.parentId) && !subtree.has(x.id)) {
          subtree.add(x.id);
          grew = true;
        }
    }
    return { territoryIds: [...subtree], regionPrefix: regionPrefix(t.regionCode) };
  }
}
