import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  SCORING_RULE_CHANGED_V1,
  type CreateScoringRuleDto,
  type DeleteScoringRuleDto,
  type FieldError,
  type ListScoringRulesDto,
  type RescoreStatusView,
  type ScoringConditions,
  type ScoringRuleChange,
  type ScoringRulePage,
  type ScoringRuleView,
  type UpdateScoringRuleDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, outsideCall, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { RescoreWorker } from './rescore.worker.js';
import { toRescoreStatus, toScoringRuleView } from './scoring-rule.mapper.js';
import { SCORING_RULE_LIST, ScoringRuleRepository, type ScoringRuleRow } from './scoring-rule.repository.js';

/**
 * Scoring rules. Every change is recorded (operation log + `marketing.scoring-rule.changed.v1`) and
 * starts a re-scoring job in the same transaction, so a committed rule change always has its job;
 * the job supersedes unfinished older ones and runs in the background (`RescoreWorker`).
 */
@Injectable()
export class ScoringRuleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(ScoringRuleRepository) private readonly rules: ScoringRuleRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
    @Inject(RescoreWorker) private readonly worker: Pick<RescoreWorker, 'tick'>,
  ) {}

  async create(dto: CreateScoringRuleDto, ctx: CallContext): Promise<ScoringRuleChange> {
    const employeeId = actingEmployee(ctx);
    if (dto.points === undefined) throw invalid([{ field: 'points', reasons: ['points is required'] }]);
    const now = new Date();
    const rule: ScoringRuleRow = {
      id: randomUUID(),
      name: dto.name.trim(),
      points: dto.points,
      enabled: dto.enabled ?? true,
      conditions: dto.when ? plainConditions(dto.when) : null,
      engagement: dto.engagement ? { ...dto.engagement } : null,
      version: 1,
      createdBy: employeeId,
      updatedBy: employeeId,
      createdAt: now,
      updatedAt: now,
    };
    checkRule(rule);
    return this.inTransaction((m) => this.record(m, 'created', null, rule, ctx, () => this.rules.insert(m, rule)));
  }

  async update(dto: UpdateScoringRuleDto, ctx: CallContext): Promise<ScoringRuleChange> {
    const employeeId = actingEmployee(ctx);
    if (dto.when && dto.engagement) throw invalid(bothGiven());
    return this.inTransaction(async (m) => {
      const before = await this.locked(m, dto.ruleId, dto.version);
      const after: ScoringRuleRow = {
        ...before,
        name: dto.name?.trim() ?? before.name,
        points: dto.points ?? before.points,
        enabled: dto.enabled ?? before.enabled,
        // A new condition replaces the old one, of either kind.
        conditions: dto.when ? plainConditions(dto.when) : dto.engagement ? null : before.conditions,
        engagement: dto.engagement ? { ...dto.engagement } : dto.when ? null : before.engagement,
        version: before.version + 1,
        updatedBy: employeeId,
        updatedAt: new Date(),
      };
      checkRule(after);
      return this.record(m, 'updated', before, after, ctx, () => this.rules.update(m, after));
    });
  }

  async delete(dto: DeleteScoringRuleDto, ctx: CallContext): Promise<ScoringRuleChange> {
    actingEmployee(ctx);
    return this.inTransaction(async (m) => {
      const before = await this.locked(m, dto.ruleId, dto.version);
      return this.record(m, 'deleted', before, null, ctx, () => this.rules.delete(m, before.id));
    });
  }

  async get(ruleId: string): Promise<ScoringRuleView> {
    const r = await this.rules.find(ruleId);
    if (!r) throw new CrmError(ErrorCode.NotFound, `scoring rule ${ruleId} not found`);
    return toScoringRuleView(r);
  }

  async list(q: ListScoringRulesDto): Promise<ScoringRulePage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(SCORING_RULE_LIST, q.cursor);
    return toPage(SCORING_RULE_LIST, this.cursors, await this.rules.list(limit, position, q.enabled), limit, toScoringRuleView);
  }

  async rescoreStatus(jobId: string | undefined): Promise<RescoreStatusView> {
    const job = await this.rules.job(jobId);
    if (!job) throw new CrmError(ErrorCode.NotFound, jobId ? `re-scoring job ${jobId} not found` : 'no re-scoring job yet');
    return toRescoreStatus(job);
  }

  private async locked(m: EntityManager, id: string, version: number): Promise<ScoringRuleRow> {
    const r = await this.rules.find(id, m, true);
    if (!r) throw new CrmError(ErrorCode.NotFound, `scoring rule ${id} not found`);
    if (r.version !== version) throw new CrmError(ErrorCode.Conflict, `scoring rule ${id} is at version ${r.version}, not ${version}`);
    return r;
  }

  /** Writes the change, starts the re-scoring job and records both in one transaction. */
  private async record(
    m: EntityManager,
    action: 'created' | 'updated' | 'deleted',
    before: ScoringRuleRow | null,
    after: ScoringRuleRow | null,
    ctx: CallContext,
    write: () => Promise<void>,
  ): Promise<ScoringRuleChange> {
    await write();
    const jobId = randomUUID();
    await this.rules.startJob(m, jobId, ctx.employeeId ?? ctx.caller, new Date());
    const rule = toScoringRuleView((after ?? before)!);
    await this.changes.record(m, ctx, {
      entity: 'scoring-rule',
      entityId: rule.ruleId,
      action: action === 'created' ? 'create' : action === 'updated' ? 'update' : 'delete',
      before: before && fields(before),
      after: after && { ...fields(after), rescoreJobId: jobId },
      event: { pattern: SCORING_RULE_CHANGED_V1, data: { action, rule, rescoreJobId: jobId } },
    });
    return { rule, rescoreJobId: jobId };
  }

  private async inTransaction<T>(run: (m: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(run);
    // The re-scoring outlives the call: the call's deadline must not stop it.
    void outsideCall(() => this.worker.tick());
    return result;
  }
}

function fields(r: ScoringRuleRow): Record<string, unknown> {
  return { name: r.name, points: r.points, enabled: r.enabled, when: r.conditions, engagement: r.engagement };
}

/** The validated DTO as a plain object for storage (class instances → JSON-ready). */
function plainConditions(when: ScoringConditions): ScoringConditions {
  return JSON.parse(JSON.stringify(when)) as ScoringConditions;
}

function invalid(details: FieldError[]): CrmError {
  return new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', details);
}

function bothGiven(): FieldError[] {
  return [{ field: 'when', reasons: ['a rule has either field conditions (when) or engagement, not both'] }];
}

/** What class-validator cannot say: exactly one kind of condition, not empty, a sane size range. */
export function checkRule(r: Pick<ScoringRuleRow, 'conditions' | 'engagement'>): void {
  if (r.conditions && r.engagement) throw invalid(bothGiven());
  if (!r.conditions && !r.engagement) throw invalid([{ field: 'when', reasons: ['a rule needs field conditions (when) or engagement'] }]);
  if (r.conditions) {
    const c = r.conditions;
    const named = Object.values(c).filter((v) => v !== undefined);
    if (named.length === 0) throw invalid([{ field: 'when', reasons: ['when must name at least one condition'] }]);
    if (c.companySize) {
      const { min, max } = c.companySize;
      if (min === undefined && max === undefined) throw invalid([{ field: 'when.companySize', reasons: ['companySize needs min or max'] }]);
      if (min !== undefined && max !== undefined && min > max)
        throw invalid([{ field: 'when.companySize', reasons: ['companySize.min must not exceed companySize.max'] }]);
    }
    if (c.attributes && Object.keys(c.attributes).length === 0)
      throw invalid([{ field: 'when.attributes', reasons: ['attributes must name at least one attribute'] }]);
  }
}
