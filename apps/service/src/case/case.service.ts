import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CASE_ASSIGNED_V1,
  CASE_CREATED_V1,
  CASE_ESCALATED_V1,
  CASE_MERGED_V1,
  CASE_NOTIFICATION_V1,
  CASE_STATUS_CHANGED_V1,
  CASE_UPDATED_V1,
  CrmError,
  ErrorCode,
  type AssignCaseDto,
  type CaseCategory,
  type CaseChannel,
  type CaseEventData,
  type CaseHistoryEntry,
  type CasePage,
  type CasePriority,
  type CaseStatus,
  type CaseView,
  type CloseCaseDto,
  type CreateCaseDto,
  type EscalateCaseDto,
  type LinkCaseDto,
  type ListCasesDto,
  type MergeCasesDto,
  type TransitionCaseDto,
  type UpdateCaseDto,
  type WorkflowAction,
  type WorkflowTrigger,
} from '@crm/contracts';
import { ChangeRecorder, OutboxWriter } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, retryOnDeadlock, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { QueueAssigner } from '../queue/queue-assigner.js';
import { SERVICE_CONFIG, type ServiceConfig } from '../service.config.js';
import { SlaClock } from '../sla/sla-clock.js';
import { planChain, type RuleApplication } from '../workflow/rule-evaluator.js';
import { ActiveWorkflowRules } from '../workflow/active-workflow-rules.js';
import { allowedTransitions, canTransition, isOpen, isReopen, raisedPriority, withinReopenWindow } from './case-state.js';
import { caseFields, toCaseEvent, toCaseView, toFacts } from './case.mapper.js';
import { CASE_LIST, CaseRepository, caseNoOf, type CasePatch, type CaseRow, type CaseScope } from './case.repository.js';

type CaseEventPattern =
  | typeof CASE_CREATED_V1
  | typeof CASE_UPDATED_V1
  | typeof CASE_STATUS_CHANGED_V1
  | typeof CASE_ASSIGNED_V1
  | typeof CASE_ESCALATED_V1
  | typeof CASE_MERGED_V1;

interface ChangeOptions {
  /** History action and operation-log action. */
  action: string;
  details?: Record<string, unknown>;
  events: CaseEventPattern[];
  extra?: Partial<CaseEventData>;
}

/** What opening a case needs, from an employee's create or from an EOMS work order. */
export interface OpenCaseInput {
  accountId: string | null;
  contact: CaseRow['contact'];
  channel: CaseChannel;
  category: CaseCategory;
  priority: CasePriority;
  subject: string;
  description: string;
  queueId: string | null;
  skills: string[];
  masterCaseId: string | null;
  workorderId: string | null;
  orderNo: string | null;
  /** A hard resolution limit (the order's deadline), passed to the SLA clock. */
  resolveBy: Date | null;
  attributes: Record<string, string>;
  /** Taken beforehand (see `CaseRepository.takeCaseNo`); otherwise taken in the opening transaction. */
  caseNo?: string;
}

/** The case numbers' day: the operator's business day (China Standard Time, UTC+8). */
function caseDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

function invalid(field: string, reason: string): CrmError {
  return new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [{ field, reasons: [reason] }]);
}

function notFound(id: string): CrmError {
  return new CrmError(ErrorCode.NotFound, `case ${id} not found`);
}

/**
 * Cases and complaints: the state machine with its full history, assignment through queues,
 * escalation, merge, master/child cases, and the workflow rules evaluated at each trigger. Every
 * change locks the case row, checks `version`, and writes — in the same transaction — its history
 * row, its SLA clock change, its operation-log entry and its events (stream `case:<id>`, in order).
 */
@Injectable()
export class CaseService {
  private readonly log = new Logger('CaseService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(QueueAssigner) private readonly assigner: QueueAssigner,
    @Inject(ActiveWorkflowRules) private readonly rules: ActiveWorkflowRules,
    @Inject(SlaClock) private readonly sla: SlaClock,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  // ---- the wire API -------------------------------------------------------------------------

  async create(dto: CreateCaseDto, ctx: CallContext): Promise<CaseView> {
    const creator = actingEmployee(ctx);
    const input: OpenCaseInput = {
      accountId: dto.accountId ?? null,
      contact: dto.contact ? { ...dto.contact } : null,
      channel: dto.channel,
      category: dto.category,
      priority: dto.priority,
      subject: dto.subject.trim(),
      description: dto.description,
      queueId: dto.queueId ?? null,
      skills: [...new Set(dto.skills ?? [])].sort(),
      masterCaseId: dto.masterCaseId ?? null,
      workorderId: null,
      orderNo: null,
      resolveBy: null,
      attributes: {},
    };
    // The number first, in a statement of its own: the day's counter row is then locked for one
    // statement, not for the whole create, so concurrent creates do not queue behind each other.
    const day = caseDay(new Date());
    const caseNo = caseNoOf(day, await this.cases.takeCaseNo(day));
    const id = await this.tx((m) => this.open(m, { ...input, caseNo }, ctx, ctx.scope, ['case-created'], creator));
    return this.viewOf(id);
  }

  async update(dto: UpdateCaseDto, ctx: CallContext): Promise<CaseView> {
    actingEmployee(ctx);
    const id = await this.tx(async (m) => {
      const c = await this.locked(m, dto.caseId, dto.version, ctx.scope);
      if (c.status === 'closed') throw new CrmError(ErrorCode.Conflict, `case ${c.caseNo} is closed; reopen it first`);
      const patch: CasePatch = {};
      const wanted: CasePatch = {
        accountId: dto.accountId,
        channel: dto.channel,
        category: dto.category,
        priority: dto.priority,
        subject: dto.subject?.trim(),
        description: dto.description,
        contact: dto.contact ? { ...dto.contact } : undefined,
      };
      for (const [k, v] of Object.entries(wanted) as Array<[keyof CasePatch, unknown]>) {
        if (v !== undefined && JSON.stringify(v) !== JSON.stringify(c[k])) (patch as Record<string, unknown>)[k] = v;
      }
      if (!Object.keys(patch).length) return c.id;
      const after = await this.change(m, c, patch, ctx, { action: 'updated', events: [CASE_UPDATED_V1] });
      await this.runRules(m, after, 'case-updated', ctx, null);
      return c.id;
    });
    return this.viewOf(id);
  }

  async get(caseId: string, ctx: CallContext): Promise<CaseView> {
    const c = await this.cases.find(caseId, ctx.scope);
    if (!c) throw notFound(caseId);
    return (await this.views([c], await this.cases.history(c.id)))[0]!;
  }

  async history(caseId: string, ctx: CallContext): Promise<{ caseId: string; items: CaseHistoryEntry[] }> {
    const c = await this.cases.find(caseId, ctx.scope);
    if (!c) throw notFound(caseId);
    return { caseId, items: await this.cases.history(caseId) };
  }

  async list(q: ListCasesDto, ctx: CallContext): Promise<CasePage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(CASE_LIST, q.cursor);
    const rows = await this.cases.list(q, limit, position, ctx.scope);
    const page = toPage(CASE_LIST, this.cursors, rows, limit, (r) => r);
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  async transition(dto: TransitionCaseDto, ctx: CallContext): Promise<CaseView> {
    actingEmployee(ctx);
    const id = await this.tx(async (m) => {
      const c = await this.locked(m, dto.caseId, dto.version, ctx.scope);
      const after = await this.move(m, c, dto.to, dto.note ?? null, ctx);
      await this.runRules(m, after, 'case-updated', ctx, null);
      return c.id;
    });
    return this.viewOf(id);
  }

  async close(dto: CloseCaseDto, ctx: CallContext): Promise<CaseView> {
    actingEmployee(ctx);
    const id = await this.tx(async (m) => {
      const c = await this.locked(m, dto.caseId, dto.version, ctx.scope);
      if (c.status !== 'resolved') throw illegal(c, 'closed');
      const now = new Date();
      const after = await this.change(
        m,
        c,
        { status: 'closed', closedAt: now, satisfaction: dto.satisfaction, satisfactionComment: dto.comment ?? null },
        ctx,
        { action: 'closed', details: { from: c.status, to: 'closed', satisfaction: dto.satisfaction }, events: [CASE_STATUS_CHANGED_V1] },
      );
      await this.resolveChildren(m, after, ctx);
      return c.id;
    });
    return this.viewOf(id);
  }

  async assign(dto: AssignCaseDto, ctx: CallContext): Promise<CaseView> {
    actingEmployee(ctx);
    const id = await this.tx(async (m) => {
      const c = await this.locked(m, dto.caseId, dto.version, ctx.scope);
      if (!isOpen(c.status)) throw new CrmError(ErrorCode.Conflict, `case ${c.caseNo} is ${c.status}; reopen it before assigning`);
      if (dto.ownerId) {
        await this.assignAgent(m, c, dto.ownerId, ctx, null);
      } else if (dto.queueId) {
        if (!(await this.assigner.exists(m, dto.queueId))) throw invalid('queueId', `queue ${dto.queueId} does not exist`);
        await this.moveToQueue(m, c, dto.queueId, ctx, 'assigned to queue', null);
      } else {
        if (!c.queueId) throw invalid('queueId', 'the case is in no queue: name ownerId or queueId');
        await this.moveToQueue(m, c, c.queueId, ctx, 're-assigned in its queue', null);
      }
      return c.id;
    });
    return this.viewOf(id);
  }

  async escalate(dto: EscalateCaseDto, ctx: CallContext): Promise<CaseView> {
    actingEmployee(ctx);
    const id = await this.tx(async (m) => {
      const c = await this.locked(m, dto.caseId, dto.version, ctx.scope);
      if (c.status === 'closed') throw new CrmError(ErrorCode.Conflict, `case ${c.caseNo} is closed`);
      await this.escalateCase(m, c, ctx, dto.reason, null, null);
      return c.id;
    });
    return this.viewOf(id);
  }

  async merge(dto: MergeCasesDto, ctx: CallContext): Promise<CaseView> {
    actingEmployee(ctx);
    const ids = dto.duplicates.map((d) => d.caseId);
    if (ids.includes(dto.caseId)) throw invalid('duplicates', 'the surviving case cannot be its own duplicate');
    if (new Set(ids).size !== ids.length) throw invalid('duplicates', 'a case is named twice');
    const id = await this.tx(async (m) => {
      const survivor = await this.locked(m, dto.caseId, dto.version, ctx.scope);
      if (survivor.status === 'closed') throw new CrmError(ErrorCode.Conflict, `case ${survivor.caseNo} is closed`);
      const now = new Date();
      const merged: CaseRow[] = [];
      for (const ref of [...dto.duplicates].sort((a, b) => a.caseId.localeCompare(b.caseId))) {
        const d = await this.locked(m, ref.caseId, ref.version, ctx.scope);
        if (d.status === 'closed') throw new CrmError(ErrorCode.Conflict, `case ${d.caseNo} is closed and cannot be merged`);
        merged.push(
          await this.change(
            m,
            d,
            { status: 'closed', closedAt: now, mergedIntoId: survivor.id, resolution: `merged into ${survivor.caseNo}` },
            ctx,
            {
              action: 'merged-into',
              details: { into: survivor.id, intoCaseNo: survivor.caseNo, from: d.status },
              events: [CASE_STATUS_CHANGED_V1],
            },
          ),
        );
      }
      await this.change(m, survivor, {}, ctx, {
        action: 'merged',
        details: { duplicates: merged.map((d) => ({ caseId: d.id, caseNo: d.caseNo })) },
        events: [CASE_MERGED_V1],
        extra: { mergedCaseIds: merged.map((d) => d.id) },
      });
      return survivor.id;
    });
    return this.viewOf(id);
  }

  async link(dto: LinkCaseDto, ctx: CallContext): Promise<CaseView> {
    actingEmployee(ctx);
    const id = await this.tx(async (m) => {
      const c = await this.locked(m, dto.caseId, dto.version, ctx.scope);
      if (dto.masterCaseId === c.masterCaseId) return c.id;
      if (dto.masterCaseId !== null) await this.checkMaster(m, dto.masterCaseId, ctx.scope, c);
      await this.change(m, c, { masterCaseId: dto.masterCaseId }, ctx, {
        action: dto.masterCaseId ? 'linked' : 'unlinked',
        details: { masterCaseId: dto.masterCaseId ?? c.masterCaseId },
        events: [CASE_UPDATED_V1],
      });
      if (dto.masterCaseId)
        await this.cases.addHistory(m, dto.masterCaseId, new Date(), actorOf(ctx), 'child-linked', { caseId: c.id, caseNo: c.caseNo });
      return c.id;
    });
    return this.viewOf(id);
  }

  // ---- system entry points (workflow triggers, EOMS work orders) ----------------------------

  /**
   * Opens a case in the caller's transaction; returns its id. `ownerIfUnrouted` owns a case that no
   * rule, named queue or routing criterion placed (the employee who opened it, like Salesforce's
   * default case owner): without an owner or a queue nobody could see it.
   */
  async open(
    m: EntityManager,
    opening: OpenCaseInput,
    ctx: CallContext,
    scope: CaseScope,
    triggers: WorkflowTrigger[],
    ownerIfUnrouted: string | null = null,
  ): Promise<string> {
    const now = new Date();
    const { caseNo, ...input } = opening;
    if (input.masterCaseId) await this.checkMaster(m, input.masterCaseId, scope, null);
    if (input.queueId && !(await this.assigner.exists(m, input.queueId))) throw invalid('queueId', `queue ${input.queueId} does not exist`);
    const row: CaseRow = {
      id: randomUUID(),
      caseNo: caseNo ?? (await this.cases.nextCaseNo(m, caseDay(now))),
      ...input,
      status: 'new',
      ownerId: null,
      escalationLevel: 0,
      mergedIntoId: null,
      resolution: null,
      satisfaction: null,
      satisfactionComment: null,
      watchers: [],
      reopenCount: 0,
      firstRespondedAt: null,
      version: 1,
      createdBy: actorOf(ctx),
      createdAt: now,
      updatedAt: now,
      resolvedAt: null,
      closedAt: null,
    };
    delete (row as Partial<OpenCaseInput>).resolveBy;
    await this.cases.insert(m, row);
    await this.cases.addHistory(m, row.id, now, actorOf(ctx), 'created', {
      channel: row.channel,
      category: row.category,
      priority: row.priority,
      queueId: row.queueId,
      masterCaseId: row.masterCaseId,
      orderNo: row.orderNo,
    });
    await this.sla.start(m, {
      caseId: row.id,
      accountId: row.accountId,
      priority: row.priority,
      category: row.category,
      channel: row.channel,
      openedAt: now,
      resolveBy: input.resolveBy,
      newCase: true,
    });
    await this.changes.record(m, ctx, {
      entity: 'case',
      entityId: row.id,
      action: 'create',
      before: null,
      after: caseFields(row),
      event: { pattern: CASE_CREATED_V1, data: toCaseEvent(row, null), stream: `case:${row.id}` },
    });
    let cur = row;
    for (const trigger of triggers) cur = await this.runRules(m, cur, trigger, ctx, null);
    if (!cur.ownerId) {
      const queueId = cur.queueId ?? (await this.assigner.route(m, { category: cur.category, channel: cur.channel }));
      if (queueId) cur = await this.moveToQueue(m, cur, queueId, ctx, cur.queueId ? 'queued' : 'routed', null);
    }
    if (!cur.ownerId && !cur.queueId && ownerIfUnrouted) cur = await this.assignAgent(m, cur, ownerIfUnrouted, ctx, 'creator');
    return cur.id;
  }

  /** A trigger from outside a call (SLA warning/breach): the rules run as the system. */
  async trigger(m: EntityManager, caseId: string, trigger: WorkflowTrigger, slaTarget: string | null, ctx: CallContext): Promise<void> {
    const c = await this.cases.find(caseId, 'system', m, true);
    if (!c) {
      this.log.warn({ msg: 'workflow trigger for an unknown case ignored', caseId, trigger });
      return;
    }
    await this.runRules(m, c, trigger, ctx, slaTarget);
  }

  /** The cases of a work order (master first), locked. */
  casesOfWorkorder(m: EntityManager, workorderId: string): Promise<CaseRow[]> {
    return this.cases.byWorkorder(m, workorderId);
  }

  /** The open case an EOMS order for this account should link to rather than open a new one. */
  findLinkable(m: EntityManager, accountId: string, category: string, since: Date): Promise<CaseRow | null> {
    return this.cases.openDuplicateFor(m, accountId, category, since);
  }

  async linkWorkorder(m: EntityManager, c: CaseRow, workorderId: string, orderNo: string, ctx: CallContext): Promise<CaseRow> {
    return this.change(m, c, { workorderId, orderNo }, ctx, {
      action: 'linked-workorder',
      details: { workorderId, orderNo },
      events: [CASE_UPDATED_V1],
    });
  }

  /** An EOMS urge: each open case of the order goes one priority up. */
  async urge(m: EntityManager, workorderId: string, reason: string | null, ctx: CallContext): Promise<void> {
    for (const c of await this.cases.byWorkorder(m, workorderId)) {
      if (!isOpen(c.status)) continue;
      const priority = raisedPriority(c.priority);
      if (priority === c.priority) {
        await this.cases.addHistory(m, c.id, new Date(), actorOf(ctx), 'urged', {
          priority,
          reason,
          note: 'already at the highest priority',
        });
        continue;
      }
      await this.change(m, c, { priority }, ctx, {
        action: 'urged',
        details: { from: c.priority, to: priority, reason },
        events: [CASE_UPDATED_V1],
      });
    }
  }

  /** An EOMS withdraw: every case of the order still open or resolved is closed. */
  async withdraw(m: EntityManager, workorderId: string, reason: string | null, ctx: CallContext): Promise<void> {
    const now = new Date();
    for (const c of await this.cases.byWorkorder(m, workorderId)) {
      if (c.status === 'closed') continue;
      await this.change(
        m,
        c,
        { status: 'closed', closedAt: now, resolution: c.resolution ?? `withdrawn by EOMS${reason ? `: ${reason}` : ''}` },
        ctx,
        {
          action: 'withdrawn',
          details: { from: c.status, to: 'closed', reason },
          events: [CASE_STATUS_CHANGED_V1],
        },
      );
    }
  }

  // ---- internals ---------------------------------------------------------------------------

  private tx<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return retryOnDeadlock(() => this.dataSource.transaction(work));
  }

  private async locked(m: EntityManager, id: string, version: number, scope: CaseScope): Promise<CaseRow> {
    const c = await this.cases.find(id, scope, m, true);
    if (!c) throw notFound(id);
    if (c.version !== version) throw new CrmError(ErrorCode.Conflict, `stale version: case ${id} is at version ${c.version}`);
    return c;
  }

  private async checkMaster(m: EntityManager, masterId: string, scope: CaseScope, child: CaseRow | null): Promise<void> {
    if (child && masterId === child.id) throw invalid('masterCaseId', 'a case cannot be its own master');
    const master = await this.cases.find(masterId, scope, m, true);
    if (!master) throw invalid('masterCaseId', `case ${masterId} does not exist`);
    if (master.masterCaseId) throw new CrmError(ErrorCode.Conflict, `case ${master.caseNo} is itself a child case and cannot be a master`);
    if (master.status === 'closed') throw new CrmError(ErrorCode.Conflict, `master case ${master.caseNo} is closed`);
    if (child && (await this.cases.hasChildren(m, child.id)))
      throw new CrmError(ErrorCode.Conflict, `case ${child.caseNo} is a master case and cannot become a child`);
  }

  /** A status move by the state machine (transition.v1), with its side effects. */
  private async move(m: EntityManager, c: CaseRow, to: CaseStatus, note: string | null, ctx: CallContext): Promise<CaseRow> {
    if (to === 'closed') throw illegal(c, to, 'close it with service.case.close.v1 (it takes the satisfaction score)');
    if (!canTransition(c.status, to)) throw illegal(c, to);
    const now = new Date();
    const patch: CasePatch = { status: to };
    const reopen = isReopen(c.status, to);
    if (reopen) {
      const since = c.status === 'closed' ? c.closedAt : c.resolvedAt;
      if (!withinReopenWindow(since, now, this.config.caseReopenHours))
        throw new CrmError(
          ErrorCode.Conflict,
          `case ${c.caseNo} can no longer be reopened: the ${this.config.caseReopenHours} h reopen window has passed`,
        );
      Object.assign(patch, {
        reopenCount: c.reopenCount + 1,
        resolvedAt: null,
        closedAt: null,
        satisfaction: null,
        satisfactionComment: null,
      });
    }
    if (to === 'assigned' && !c.ownerId) {
      if (!ctx.employeeId) throw invalid('to', 'assign the case to an owner first');
      patch.ownerId = ctx.employeeId;
    }
    if (to === 'in_progress' && !c.firstRespondedAt) patch.firstRespondedAt = now;
    if (to === 'resolved') Object.assign(patch, { resolvedAt: now, resolution: note ?? c.resolution });
    const after = await this.change(m, c, patch, ctx, {
      action: reopen ? 'reopened' : 'status',
      details: { from: c.status, to, ...(note ? { note } : {}) },
      events: patch.ownerId ? [CASE_STATUS_CHANGED_V1, CASE_ASSIGNED_V1] : [CASE_STATUS_CHANGED_V1],
      extra: { note },
    });
    if (to === 'resolved') await this.resolveChildren(m, after, ctx);
    return after;
  }

  /** Resolving or closing a master resolves its open children: one status event per child. */
  private async resolveChildren(m: EntityManager, master: CaseRow, ctx: CallContext): Promise<void> {
    const now = new Date();
    for (const child of await this.cases.openChildren(m, master.id)) {
      await this.change(
        m,
        child,
        { status: 'resolved', resolvedAt: now, resolution: master.resolution ?? `resolved with master case ${master.caseNo}` },
        ctx,
        {
          action: 'resolved-with-master',
          details: { from: child.status, to: 'resolved', masterCaseId: master.id, masterCaseNo: master.caseNo },
          events: [CASE_STATUS_CHANGED_V1],
          extra: { note: `resolved with master case ${master.caseNo}` },
        },
      );
    }
  }

  private async assignAgent(m: EntityManager, c: CaseRow, ownerId: string, ctx: CallContext, via: string | null): Promise<CaseRow> {
    const status: CaseStatus = c.status === 'new' ? 'assigned' : c.status;
    if (ownerId === c.ownerId && status === c.status) return c;
    return this.change(m, c, { ownerId, status }, ctx, {
      action: 'assigned',
      details: { ownerId, previousOwnerId: c.ownerId, ...(via ? { via } : {}) },
      events: status !== c.status ? [CASE_ASSIGNED_V1, CASE_STATUS_CHANGED_V1] : [CASE_ASSIGNED_V1],
    });
  }

  /** Into a queue, whose strategy picks the agent under the queue's row lock. */
  private async moveToQueue(
    m: EntityManager,
    c: CaseRow,
    queueId: string,
    ctx: CallContext,
    reason: string,
    via: string | null,
  ): Promise<CaseRow> {
    const pick = await this.assigner.assign(m, queueId, { category: c.category, skills: c.skills });
    if (!pick) throw invalid('queueId', `queue ${queueId} does not exist`);
    const ownerId = pick.employeeId ?? null;
    const status: CaseStatus = ownerId && c.status === 'new' ? 'assigned' : c.status;
    const events: CaseEventPattern[] = ownerId ? [CASE_ASSIGNED_V1] : [CASE_UPDATED_V1];
    if (status !== c.status) events.push(CASE_STATUS_CHANGED_V1);
    return this.change(m, c, { queueId, ownerId, status }, ctx, {
      action: 'queued',
      details: {
        queueId,
        reason,
        strategy: pick.strategy,
        pick: pick.reason,
        requiredSkills: pick.required,
        ownerId,
        ...(via ? { via } : {}),
      },
      events,
    });
  }

  /**
   * One level up: to `explicitQueue` (a rule's target), else the queue's escalation queue (whose
   * strategy picks the agent), else the queue's supervisor; the level rises either way.
   */
  private async escalateCase(
    m: EntityManager,
    c: CaseRow,
    ctx: CallContext,
    reason: string,
    explicitQueue: string | null,
    via: string | null,
  ): Promise<CaseRow> {
    const target = explicitQueue ? { queueId: explicitQueue, supervisorId: null } : await this.assigner.escalationOf(m, c.queueId);
    const patch: CasePatch = { escalationLevel: c.escalationLevel + 1 };
    if (target.queueId) {
      const pick = await this.assigner.assign(m, target.queueId, { category: c.category, skills: c.skills });
      if (pick) Object.assign(patch, { queueId: target.queueId, ownerId: pick.employeeId ?? null });
    } else if (target.supervisorId) {
      patch.ownerId = target.supervisorId;
    }
    if (patch.ownerId && c.status === 'new') patch.status = 'assigned';
    const events: CaseEventPattern[] = [CASE_ESCALATED_V1];
    if (patch.ownerId && patch.ownerId !== c.ownerId) events.push(CASE_ASSIGNED_V1);
    if (patch.status && patch.status !== c.status) events.push(CASE_STATUS_CHANGED_V1);
    return this.change(m, c, patch, ctx, {
      action: 'escalated',
      details: {
        level: c.escalationLevel + 1,
        reason,
        queueId: patch.queueId ?? c.queueId,
        ownerId: patch.ownerId ?? c.ownerId,
        ...(via ? { via } : {}),
      },
      events,
    });
  }

  /**
   * Evaluates the rules of a trigger (then `case-updated` for what they changed, under the loop
   * guard) and applies them; each application is a history entry naming rule id and version.
   */
  private async runRules(
    m: EntityManager,
    c: CaseRow,
    trigger: WorkflowTrigger,
    ctx: CallContext,
    slaTarget: string | null,
  ): Promise<CaseRow> {
    const rules = await this.rules.of(m, trigger === 'case-updated' ? ['case-updated'] : [trigger, 'case-updated']);
    if (!rules.length) return c;
    const plan = planChain(trigger, toFacts(c, slaTarget), (t) => rules.filter((r) => r.trigger === t));
    let cur = c;
    for (const app of plan.applications) cur = await this.applyRule(m, cur, app, ctx);
    if (plan.stoppedBy)
      await this.cases.addHistory(m, c.id, new Date(), actorOf(ctx), 'rules-stopped', {
        trigger,
        by: plan.stoppedBy,
        applied: plan.applications.length,
      });
    return cur;
  }

  private async applyRule(m: EntityManager, c: CaseRow, app: RuleApplication, ctx: CallContext): Promise<CaseRow> {
    const { rule } = app;
    const via = `rule ${rule.ruleId} v${rule.version}`;
    await this.cases.addHistory(m, c.id, new Date(), actorOf(ctx), 'rule-applied', {
      ruleId: rule.ruleId,
      ruleVersion: rule.version,
      ruleName: rule.name,
      trigger: app.trigger,
      actions: rule.actions,
    });
    let cur = c;
    for (const a of rule.actions) cur = await this.applyAction(m, cur, a, app, ctx, via);
    return cur;
  }

  private async applyAction(
    m: EntityManager,
    c: CaseRow,
    a: WorkflowAction,
    app: RuleApplication,
    ctx: CallContext,
    via: string,
  ): Promise<CaseRow> {
    switch (a.type) {
      case 'assign-queue':
        if (!a.queueId || !(await this.assigner.exists(m, a.queueId)))
          return this.skipped(m, c, ctx, via, `queue ${a.queueId} does not exist`);
        return this.moveToQueue(m, c, a.queueId, ctx, 'workflow rule', via);
      case 'assign-agent':
        return a.agentId ? this.assignAgent(m, c, a.agentId, ctx, via) : c;
      case 'set-priority':
        if (!a.priority || a.priority === c.priority) return c;
        return this.change(m, c, { priority: a.priority as CasePriority }, ctx, {
          action: 'updated',
          details: { priority: a.priority, via },
          events: [CASE_UPDATED_V1],
        });
      case 'set-field': {
        if (!a.field) return c;
        const patch: CasePatch = a.field.startsWith('attributes.')
          ? { attributes: { ...c.attributes, [a.field.slice('attributes.'.length)]: a.value ?? '' } }
          : { [a.field]: a.value };
        return this.change(m, c, patch, ctx, {
          action: 'updated',
          details: { field: a.field, value: a.value, via },
          events: [CASE_UPDATED_V1],
        });
      }
      case 'escalate':
        if (c.status === 'closed') return this.skipped(m, c, ctx, via, 'case is closed');
        return this.escalateCase(m, c, ctx, a.reason ?? `workflow rule ${app.rule.name}`, a.queueId ?? null, via);
      case 'notify': {
        const recipients = a.recipients?.length ? a.recipients : [c.ownerId, ...c.watchers].filter((x): x is string => !!x);
        await this.outbox.add(
          m,
          CASE_NOTIFICATION_V1,
          { caseId: c.id, caseNo: c.caseNo, ruleId: app.rule.ruleId, ruleVersion: app.rule.version, recipients, message: a.message ?? '' },
          { stream: `case:${c.id}`, caller: ctx.caller, employeeId: ctx.employeeId },
        );
        return c;
      }
      case 'add-watcher':
        if (!a.agentId || c.watchers.includes(a.agentId)) return c;
        return this.change(m, c, { watchers: [...c.watchers, a.agentId] }, ctx, {
          action: 'watcher-added',
          details: { agentId: a.agentId, via },
          events: [CASE_UPDATED_V1],
        });
    }
  }

  private async skipped(m: EntityManager, c: CaseRow, ctx: CallContext, via: string, why: string): Promise<CaseRow> {
    await this.cases.addHistory(m, c.id, new Date(), actorOf(ctx), 'rule-action-skipped', { via, why });
    return c;
  }

  /**
   * One versioned change: the row, a history entry, the SLA clock (status or priority), the
   * operation-log entry with the first event, and the other events after it on the case's stream.
   */
  private async change(m: EntityManager, before: CaseRow, patch: CasePatch, ctx: CallContext, o: ChangeOptions): Promise<CaseRow> {
    const at = new Date();
    const after: CaseRow = { ...before, ...patch, version: before.version + 1, updatedAt: at };
    await this.cases.update(m, before.id, { ...patch, version: after.version }, at);
    const changed = Object.keys(patch).filter(
      (k) => JSON.stringify((patch as Record<string, unknown>)[k]) !== JSON.stringify((before as unknown as Record<string, unknown>)[k]),
    );
    await this.cases.addHistory(m, before.id, at, actorOf(ctx), o.action, o.details ?? { changedFields: changed });
    if (after.status !== before.status || after.priority !== before.priority || (patch.firstRespondedAt && !before.firstRespondedAt)) {
      await this.sla.change(m, {
        caseId: before.id,
        at,
        ...(after.status !== before.status ? { status: { from: before.status, to: after.status } } : {}),
        ...(after.priority !== before.priority ? { priority: after.priority } : {}),
        ...(patch.firstRespondedAt && !before.firstRespondedAt ? { responded: true } : {}),
      });
    }
    const data = (pattern: CaseEventPattern) =>
      toCaseEvent(after, before.status, { ...(pattern === CASE_UPDATED_V1 ? { changedFields: changed } : {}), ...o.extra });
    const [first, ...rest] = o.events;
    await this.changes.record(m, ctx, {
      entity: 'case',
      entityId: before.id,
      action: o.action,
      before: caseFields(before),
      after: caseFields(after),
      ...(first ? { event: { pattern: first, data: data(first), stream: `case:${before.id}` } } : {}),
    });
    for (const pattern of rest)
      await this.outbox.add(m, pattern, data(pattern), { stream: `case:${before.id}`, caller: ctx.caller, employeeId: ctx.employeeId });
    return after;
  }

  private async viewOf(id: string): Promise<CaseView> {
    const c = await this.cases.find(id, 'system');
    if (!c) throw notFound(id);
    return (await this.views([c]))[0]!;
  }

  private async views(rows: CaseRow[], history?: CaseHistoryEntry[]): Promise<CaseView[]> {
    const m = this.dataSource.manager;
    const ids = rows.map((r) => r.id);
    const [slas, children] = await Promise.all([this.sla.view(m, ids), this.cases.childIds(m, ids)]);
    return rows.map((r) => toCaseView(r, slas.get(r.id), children.get(r.id) ?? [], history));
  }
}

function actorOf(ctx: Pick<CallContext, 'employeeId' | 'caller'>): string {
  return ctx.employeeId ?? ctx.caller;
}

function illegal(c: CaseRow, to: CaseStatus, hint?: string): CrmError {
  const allowed = allowedTransitions(c.status);
  return new CrmError(
    ErrorCode.Conflict,
    `cannot move case ${c.caseNo} from ${c.status} to ${to}; allowed from ${c.status}: ${allowed.join(', ')}${hint ? `; ${hint}` : ''}`,
  );
}
