import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ASSIGNMENT_RULE_CHANGED_V1,
  CrmError,
  ErrorCode,
  type AssignmentConditions,
  type LeadAssignmentRulePage,
  type LeadAssignmentRuleView,
  type CreateAssignmentRuleDto,
  type DeleteAssignmentRuleDto,
  type FieldError,
  type ListAssignmentRulesDto,
  type UpdateAssignmentRuleDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, duplicateKeyName, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { toAssignmentRuleView } from './assignment-rule.mapper.js';
import { ASSIGNMENT_RULE_LIST, AssignmentRuleRepository, type AssignmentRuleRow } from './assignment-rule.repository.js';

/** Assignment rules: each change recorded (operation log + `marketing.assignment-rule.changed.v1`) in its own transaction. */
@Injectable()
export class AssignmentRuleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(AssignmentRuleRepository) private readonly rules: AssignmentRuleRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateAssignmentRuleDto, ctx: CallContext): Promise<LeadAssignmentRuleView> {
    const employeeId = actingEmployee(ctx);
    const missing: FieldError[] = [];
    if (dto.priority === undefined) missing.push({ field: 'priority', reasons: ['priority is required'] });
    if (dto.strategy === undefined) missing.push({ field: 'strategy', reasons: ['strategy is required'] });
    if (missing.length) throw invalid(missing);
    const now = new Date();
    const rule: AssignmentRuleRow = {
      id: randomUUID(),
      name: dto.name.trim(),
      priority: dto.priority!,
      enabled: dto.enabled ?? true,
      conditions: dto.when ? plain(dto.when) : null,
      strategy: dto.strategy!,
      ownerId: dto.ownerId ?? null,
      members: dto.members ?? [],
      version: 1,
      createdBy: employeeId,
      updatedBy: employeeId,
      createdAt: now,
      updatedAt: now,
    };
    checkRule(rule);
    return this.write(rule.priority, (m) => this.record(m, 'created', null, rule, ctx, () => this.rules.insert(m, rule)));
  }

  async update(dto: UpdateAssignmentRuleDto, ctx: CallContext): Promise<LeadAssignmentRuleView> {
    const employeeId = actingEmployee(ctx);
    return this.write(dto.priority, async (m) => {
      const before = await this.locked(m, dto.ruleId, dto.version);
      const strategy = dto.strategy ?? before.strategy;
      const after: AssignmentRuleRow = {
        ...before,
        name: dto.name?.trim() ?? before.name,
        priority: dto.priority ?? before.priority,
        enabled: dto.enabled ?? before.enabled,
        conditions: dto.when ? plain(dto.when) : before.conditions,
        strategy,
        // Switching strategy drops what the old one used unless given again.
        ownerId: dto.ownerId ?? (strategy === 'fixed' ? before.ownerId : null),
        members: dto.members ?? (strategy === 'fixed' ? [] : before.members),
        version: before.version + 1,
        updatedBy: employeeId,
        updatedAt: new Date(),
      };
      checkRule(after);
      return this.record(m, 'updated', before, after, ctx, () => this.rules.update(m, after));
    });
  }

  async delete(dto: DeleteAssignmentRuleDto, ctx: CallContext): Promise<LeadAssignmentRuleView> {
    actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const before = await this.locked(m, dto.ruleId, dto.version);
      return this.record(m, 'deleted', before, null, ctx, () => this.rules.delete(m, before.id));
    });
  }

  async get(ruleId: string): Promise<LeadAssignmentRuleView> {
    const r = await this.rules.find(ruleId);
    if (!r) throw new CrmError(ErrorCode.NotFound, `assignment rule ${ruleId} not found`);
    return toAssignmentRuleView(r);
  }

  async list(q: ListAssignmentRulesDto): Promise<LeadAssignmentRulePage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(ASSIGNMENT_RULE_LIST, q.cursor);
    return toPage(ASSIGNMENT_RULE_LIST, this.cursors, await this.rules.list(limit, position), limit, toAssignmentRuleView);
  }

  private async locked(m: EntityManager, id: string, version: number): Promise<AssignmentRuleRow> {
    const r = await this.rules.find(id, m, true);
    if (!r) throw new CrmError(ErrorCode.NotFound, `assignment rule ${id} not found`);
    if (r.version !== version) throw new CrmError(ErrorCode.Conflict, `assignment rule ${id} is at version ${r.version}, not ${version}`);
    return r;
  }

  /** A transaction whose unique-priority violation is a 4090 naming `priority`. */
  private async write(
    priority: number | undefined,
    run: (m: EntityManager) => Promise<LeadAssignmentRuleView>,
  ): Promise<LeadAssignmentRuleView> {
    try {
      return await this.dataSource.transaction(run);
    } catch (error) {
      if (duplicateKeyName(error) === 'uq_assignment_rule_priority')
        throw new CrmError(ErrorCode.Conflict, `priority ${priority} is taken by another assignment rule`, [
          { field: 'priority', reasons: ['another rule has this priority'] },
        ]);
      throw error;
    }
  }

  private async record(
    m: EntityManager,
    action: 'created' | 'updated' | 'deleted',
    before: AssignmentRuleRow | null,
    after: AssignmentRuleRow | null,
    ctx: CallContext,
    write: () => Promise<void>,
  ): Promise<LeadAssignmentRuleView> {
    await write();
    const rule = toAssignmentRuleView((after ?? before)!);
    await this.changes.record(m, ctx, {
      entity: 'assignment-rule',
      entityId: rule.ruleId,
      action: action === 'created' ? 'create' : action === 'updated' ? 'update' : 'delete',
      before: before && fields(before),
      after: after && fields(after),
      event: { pattern: ASSIGNMENT_RULE_CHANGED_V1, data: { action, rule } },
    });
    return rule;
  }
}

function fields(r: AssignmentRuleRow): Record<string, unknown> {
  return {
    name: r.name,
    priority: r.priority,
    enabled: r.enabled,
    when: r.conditions,
    strategy: r.strategy,
    ownerId: r.ownerId,
    members: r.members,
  };
}

function plain(when: AssignmentConditions): AssignmentConditions | null {
  const out = JSON.parse(JSON.stringify(when)) as AssignmentConditions;
  return Object.keys(out).length ? out : null;
}

function invalid(details: FieldError[]): CrmError {
  return new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', details);
}

/** What each strategy needs: `fixed` an owner, the others a team. */
export function checkRule(r: Pick<AssignmentRuleRow, 'strategy' | 'ownerId' | 'members'>): void {
  if (r.strategy === 'fixed' && !r.ownerId) throw invalid([{ field: 'ownerId', reasons: ['a fixed rule needs ownerId'] }]);
  if (r.strategy !== 'fixed' && r.members.length === 0)
    throw invalid([{ field: 'members', reasons: [`a ${r.strategy} rule needs members`] }]);
  if (r.strategy !== 'fixed' && r.ownerId)
    throw invalid([{ field: 'ownerId', reasons: [`a ${r.strategy} rule takes members, not ownerId`] }]);
}
