import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_PRIORITIES,
  CrmError,
  EMPLOYEE_ID_RE,
  ErrorCode,
  WORKFLOW_RULE_CHANGED_V1,
  type CreateWorkflowRuleDto,
  type DeleteWorkflowRuleDto,
  type FieldError,
  type ListWorkflowRulesDto,
  type UpdateWorkflowRuleDto,
  type WorkflowAction,
  type WorkflowCondition,
  type WorkflowRulePage,
  type WorkflowRuleView,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { RULE_LIST, WorkflowRuleRepository, type RuleFields, type RuleRow } from './workflow-rule.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const SETTABLE = /^(category|channel|attributes\.[a-z][a-z0-9-]{0,47})$/;

/**
 * Workflow rules: each create or edit saves a new version (kept in `workflow_rule_version`), so a
 * case history's "rule X v3" can always be read back; delete is a last version that stops the rule.
 */
@Injectable()
export class WorkflowRuleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(WorkflowRuleRepository) private readonly rules: WorkflowRuleRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateWorkflowRuleDto, ctx: CallContext): Promise<WorkflowRuleView> {
    const by = actingEmployee(ctx);
    const fields: RuleFields = {
      name: dto.name.trim(),
      description: dto.description ?? null,
      trigger: dto.trigger,
      conditions: checkConditions(dto.conditions ?? []),
      actions: checkActions(dto.actions),
      order: dto.order ?? 100,
      active: dto.active ?? true,
    };
    const id = randomUUID();
    return this.dataSource.transaction(async (m) => {
      await this.rules.insert(m, id, fields, by);
      const after = (await this.rules.find(id, m))!;
      await this.record(m, ctx, 'create', null, after);
      return toView(after);
    });
  }

  async update(dto: UpdateWorkflowRuleDto, ctx: CallContext): Promise<WorkflowRuleView> {
    const by = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const before = await this.locked(m, dto.ruleId, dto.version);
      const fields: RuleFields = {
        name: dto.name?.trim() ?? before.name,
        description: dto.description !== undefined ? dto.description : before.description,
        trigger: dto.trigger ?? before.trigger,
        conditions: dto.conditions ? checkConditions(dto.conditions) : before.conditions,
        actions: dto.actions ? checkActions(dto.actions) : before.actions,
        order: dto.order ?? before.order,
        active: dto.active ?? before.active,
      };
      await this.rules.update(m, before.id, fields, before.version + 1, by);
      const after = (await this.rules.find(before.id, m))!;
      await this.record(m, ctx, 'update', before, after);
      return toView(after);
    });
  }

  async delete(dto: DeleteWorkflowRuleDto, ctx: CallContext): Promise<WorkflowRuleView> {
    const by = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const before = await this.locked(m, dto.ruleId, dto.version);
      await this.rules.update(m, before.id, { ...before, active: false }, before.version + 1, by, true);
      const after = (await this.rules.find(before.id, m))!;
      await this.record(m, ctx, 'delete', before, after);
      return toView(after);
    });
  }

  async get(ruleId: string, version?: number): Promise<WorkflowRuleView> {
    const rule = version === undefined ? await this.rules.find(ruleId) : await this.rules.findVersion(ruleId, version);
    if (!rule || (rule.deleted && version === undefined)) throw notFound(ruleId, version);
    return toView(rule);
  }

  async list(q: ListWorkflowRulesDto): Promise<WorkflowRulePage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(RULE_LIST, q.cursor);
    return toPage(RULE_LIST, this.cursors, await this.rules.list(q, limit, position), limit, toView);
  }

  private async locked(m: EntityManager, id: string, version: number): Promise<RuleRow> {
    const r = await this.rules.find(id, m, true);
    if (!r || r.deleted) throw notFound(id);
    if (r.version !== version) throw new CrmError(ErrorCode.Conflict, `stale version: workflow rule ${id} is at version ${r.version}`);
    return r;
  }

  private async record(m: EntityManager, ctx: CallContext, action: string, before: RuleRow | null, after: RuleRow): Promise<void> {
    await this.changes.record(m, ctx, {
      entity: 'workflow-rule',
      entityId: after.id,
      action,
      before: before && fieldsOf(before),
      after: fieldsOf(after),
      event: {
        pattern: WORKFLOW_RULE_CHANGED_V1,
        data: {
          ruleId: after.id,
          name: after.name,
          trigger: after.trigger,
          active: after.active,
          deleted: after.deleted,
          version: after.version,
        },
      },
    });
  }
}

function fieldsOf(r: RuleRow): Record<string, unknown> {
  return {
    name: r.name,
    description: r.description,
    trigger: r.trigger,
    conditions: r.conditions,
    actions: r.actions,
    order: r.order,
    active: r.active,
    deleted: r.deleted,
  };
}

export function toView(r: RuleRow): WorkflowRuleView {
  return {
    ruleId: r.id,
    name: r.name,
    description: r.description,
    trigger: r.trigger,
    conditions: r.conditions,
    actions: r.actions,
    order: r.order,
    active: r.active,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Values must suit their operator: a list for `in`, a scalar otherwise. */
export function checkConditions(list: readonly WorkflowCondition[]): WorkflowCondition[] {
  const errors: FieldError[] = [];
  list.forEach((c, i) => {
    const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number';
    const ok = c.op === 'in' ? Array.isArray(c.value) && c.value.length > 0 && c.value.every(scalar) : scalar(c.value);
    if (!ok)
      errors.push({
        field: `conditions[${i}].value`,
        reasons: [c.op === 'in' ? 'must be a non-empty list of strings or numbers' : 'must be a string or a number'],
      });
  });
  if (errors.length) throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', errors);
  return list.map((c) => ({ field: c.field, op: c.op, value: c.value }));
}

/** Each action type needs its own parameters; the rest are dropped. */
export function checkActions(list: readonly WorkflowAction[]): WorkflowAction[] {
  const errors: FieldError[] = [];
  const need = (i: number, field: string, ok: boolean, reason: string) => {
    if (!ok) errors.push({ field: `actions[${i}].${field}`, reasons: [reason] });
  };
  const out = list.map((a, i): WorkflowAction => {
    switch (a.type) {
      case 'assign-queue':
        need(i, 'queueId', UUID.test(a.queueId ?? ''), 'must be a queue id (uuid)');
        return { type: a.type, queueId: a.queueId };
      case 'assign-agent':
      case 'add-watcher':
        need(i, 'agentId', EMPLOYEE_ID_RE.test(a.agentId ?? ''), 'must be an employee ID');
        return { type: a.type, agentId: a.agentId };
      case 'set-priority':
        need(
          i,
          'priority',
          (CASE_PRIORITIES as readonly string[]).includes(a.priority ?? ''),
          `must be one of ${CASE_PRIORITIES.join(', ')}`,
        );
        return { type: a.type, priority: a.priority };
      case 'set-field':
        need(i, 'field', SETTABLE.test(a.field ?? ''), 'must be category, channel or attributes.<key>');
        if (a.field === 'category')
          need(i, 'value', (CASE_CATEGORIES as readonly string[]).includes(a.value ?? ''), `must be one of ${CASE_CATEGORIES.join(', ')}`);
        else if (a.field === 'channel')
          need(i, 'value', (CASE_CHANNELS as readonly string[]).includes(a.value ?? ''), `must be one of ${CASE_CHANNELS.join(', ')}`);
        else need(i, 'value', typeof a.value === 'string', 'must be a string');
        return { type: a.type, field: a.field, value: a.value };
      case 'escalate':
        if (a.queueId !== undefined) need(i, 'queueId', UUID.test(a.queueId), 'must be a queue id (uuid)');
        return { type: a.type, ...(a.queueId ? { queueId: a.queueId } : {}), ...(a.reason ? { reason: a.reason } : {}) };
      case 'notify':
        need(i, 'message', typeof a.message === 'string' && a.message.length > 0, 'must be a non-empty text');
        (a.recipients ?? []).forEach((r, j) => need(i, `recipients[${j}]`, EMPLOYEE_ID_RE.test(r), 'must be an employee ID'));
        return { type: a.type, message: a.message, recipients: a.recipients ?? [] };
    }
  });
  if (errors.length) throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', errors);
  return out;
}

function notFound(id: string, version?: number): CrmError {
  return new CrmError(ErrorCode.NotFound, `workflow rule ${id}${version ? ` version ${version}` : ''} not found`);
}
