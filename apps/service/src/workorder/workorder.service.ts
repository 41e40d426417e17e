import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  EOMS_REPLY_V1,
  EOMS_STAGE_REPLY_V1,
  EOMS_TARGET,
  ErrorCode,
  WORKORDER_URGED_V1,
  type DispatchWorkorderDto,
  type EomsReplyPayload,
  type EomsStageReplyPayload,
  type WorkorderEventData,
  type WorkorderStatus,
  type WorkorderStatusEventPattern,
  type WorkorderStatusReply,
  type WorkorderView,
} from '@crm/contracts';
import { ChangeRecorder, OutboxWriter, type Change } from '@crm/outbox';
import { GroupCommit, isDuplicateKey, retryOnDeadlock, settledError, settledOk, type Settled } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import { AccountDirectoryRepository } from '../account-directory/account-directory.repository.js';
import { dispatchContentHash } from './dispatch-content-hash.js';
import { nextStatus, statusEventPattern, type WorkorderAction } from './workorder-state.js';
import type { WorkorderHistoryEntity } from './workorder-history.entity.js';
import type { WorkorderEntity } from './workorder.entity.js';
import { toWorkorderView } from './workorder.mapper.js';
import { WorkorderRepository } from './workorder.repository.js';

/** Dispatches written in one transaction at most (group commit): about one prefetch window. */
const DISPATCH_BATCH = 64;

interface DispatchItem {
  dto: DispatchWorkorderDto;
  ctx: CallContext;
  contentHash: string;
}

interface TransitionInput {
  orderNo: string;
  action: WorkorderAction;
  note: string | null;
  ctx: CallContext;
  /** Run inside this transaction (the case feature's inbox) instead of a new one. */
  m?: EntityManager;
}

/**
 * EOMS work orders: idempotent dispatch, the state machine with full history, and — in the same
 * transaction as each change — its operation-log entry, its status event and its reply to EOMS,
 * through the outbox. An order's status events form one stream and its replies to EOMS another:
 * each leaves in order, and EOMS being down does not hold up the events.
 */
@Injectable()
export class WorkorderService {
  private readonly log = new Logger('WorkorderService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
    @Inject(AccountDirectoryRepository) private readonly accounts: AccountDirectoryRepository,
    @Inject(WorkorderRepository) private readonly workorders: WorkorderRepository,
  ) {
    this.dispatches = new GroupCommit(this.dataSource, (m, items) => this.writeDispatches(m, items), { maxBatch: DISPATCH_BATCH });
  }

  private readonly dispatches: GroupCommit<DispatchItem, WorkorderStatusReply>;

  /**
   * Idempotent on `orderNo`: a retry with the same content gets the original reply, other content
   * `4090`. Dispatches that arrive together share one transaction (group commit, `DISPATCH_BATCH`).
   */
  async dispatch(dto: DispatchWorkorderDto, ctx: CallContext): Promise<WorkorderStatusReply> {
    const contentHash = dispatchContentHash(dto);
    try {
      return await this.dispatches.submit({ dto, ctx, contentHash });
    } catch (error) {
      // Only when written alone (see GroupCommit): a retry of a stored order, or another replica stored it meanwhile.
      if (isDuplicateKey(error)) {
        const existing = await this.workorders.findByOrderNo(dto.orderNo);
        if (!existing) throw new CrmError(ErrorCode.Conflict, 'requestId was already used for another call');
        return this.redispatch(existing, contentHash);
      }
      throw error;
    }
  }

  /**
   * A batch of dispatches in one transaction: one read of the orders that exist (not for a lone
   * dispatch, see below), then one INSERT each for the new orders, their history and their outbox rows. Within the batch a repeated
   * `orderNo` is handled as two calls in a row would be: the second is a retry of the first.
   */
  private async writeDispatches(m: EntityManager, items: readonly DispatchItem[]): Promise<Settled<WorkorderStatusReply>[]> {
    // A lone dispatch skips the read (one round trip of its call's five): a retry of a stored order
    // then fails the INSERT on the unique orderNo, and `dispatch` answers it from the stored order.
    // A batch reads first, since one duplicate would otherwise send all its items back one by one.
    const known =
      items.length > 1
        ? await this.workorders.dispatchedByOrderNo(m, [...new Set(items.map((i) => i.dto.orderNo))])
        : new Map<string, { id: string; contentHash: string }>();
    const now = new Date();
    const fresh: (DispatchItem & { id: string })[] = [];
    const outcomes = items.map((item): Settled<WorkorderStatusReply> => {
      const { orderNo } = item.dto;
      const existing = known.get(orderNo);
      if (existing) {
        try {
          return settledOk(this.redispatch({ id: existing.id, orderNo, contentHash: existing.contentHash }, item.contentHash));
        } catch (error) {
          return settledError(error);
        }
      }
      const id = randomUUID();
      known.set(orderNo, { id, contentHash: item.contentHash });
      fresh.push({ ...item, id });
      return settledOk({ workOrderId: id, orderNo, status: 'dispatched' });
    });
    await this.workorders.insertOrders(
      m,
      fresh.map((item) => ({ id: item.id, ...orderFields(item) })),
    );
    await this.workorders.insertHistories(
      m,
      fresh.map((item) => this.historyRow(item.id, 'dispatch', null, 'dispatched', item.ctx, null, now)),
    );
    await this.changes.recordEach(
      m,
      fresh.map(({ dto, ctx, id }) => {
        const event: WorkorderEventData = {
          workOrderId: id,
          orderNo: dto.orderNo,
          action: 'dispatch',
          status: 'dispatched',
          fromStatus: null,
          urgeCount: 0,
          type: dto.type,
          priority: dto.priority,
          deadline: new Date(dto.deadline).toISOString(),
          // What the case feature (workorder-case) opens its case from, without reading this table.
          title: dto.title,
          description: dto.description,
          customerAccountNo: dto.customer.accountNo,
          ...(dto.affectedAccountNos?.length ? { affectedAccountNos: dto.affectedAccountNos } : {}),
        };
        return {
          context: ctx,
          change: this.change('dispatch', null, { status: 'dispatched', urgeCount: 0 }, statusEventPattern('dispatched'), event),
        };
      }),
    );
    return outcomes;
  }

  urge(orderNo: string, reason: string | null, ctx: CallContext): Promise<WorkorderStatusReply> {
    return this.transition({ orderNo, action: 'urge', note: reason, ctx });
  }

  withdraw(orderNo: string, reason: string, ctx: CallContext): Promise<WorkorderStatusReply> {
    return this.transition({ orderNo, action: 'withdraw', note: reason, ctx });
  }

  /** `m`: in the caller's transaction (the case feature drives orders from case progress). */
  accept(orderNo: string, note: string | null, ctx: CallContext, m?: EntityManager): Promise<WorkorderStatusReply> {
    return this.transition({ orderNo, action: 'accept', note, ctx, m });
  }

  /** A stage reply (阶段回复): recorded and sent to EOMS. */
  progress(orderNo: string, note: string, ctx: CallContext, m?: EntityManager): Promise<WorkorderStatusReply> {
    return this.transition({ orderNo, action: 'progress', note, ctx, m });
  }

  /** The final reply (回单): recorded and sent to EOMS. */
  complete(orderNo: string, resolution: string, ctx: CallContext, m?: EntityManager): Promise<WorkorderStatusReply> {
    return this.transition({ orderNo, action: 'complete', note: resolution, ctx, m });
  }

  async query(orderNo: string): Promise<WorkorderView> {
    const order = await this.workorders.findByOrderNo(orderNo);
    if (!order) throw new CrmError(ErrorCode.NotFound, `work order ${orderNo} not found`);
    const history = await this.workorders.historyOf(order.id);
    // Matched when read, not stored at dispatch: an account sales announces later still links (SPEC §6.3).
    return toWorkorderView(order, history, await this.accounts.accountIdOf(order.customerAccountNo));
  }

  private redispatch(existing: Pick<WorkorderEntity, 'id' | 'orderNo' | 'contentHash'>, contentHash: string): WorkorderStatusReply {
    if (existing.contentHash !== contentHash) {
      throw new CrmError(ErrorCode.Conflict, `orderNo ${existing.orderNo} was already dispatched with different content`);
    }
    // The original reply, whatever happened to the order since: a retry must see what the first call saw.
    return { workOrderId: existing.id, orderNo: existing.orderNo, status: 'dispatched' };
  }

  private async transition({ orderNo, action, note, ctx, m: outer }: TransitionInput): Promise<WorkorderStatusReply> {
    const inTransaction = <T>(work: (m: EntityManager) => Promise<T>): Promise<T> =>
      outer ? work(outer) : retryOnDeadlock(() => this.dataSource.transaction(work));
    const reply = await inTransaction(async (m) => {
      const order = await this.workorders.findByOrderNo(orderNo, m, true);
      if (!order) throw new CrmError(ErrorCode.NotFound, `work order ${orderNo} not found`);
      const key = redeliveryKey(ctx.requestKey, action, order.id);
      if (key && (await this.workorders.isApplied(key, m))) {
        // A redelivered call that was applied already: answer, do not apply twice.
        return { reply: { workOrderId: order.id, orderNo, status: order.status }, changed: false };
      }
      const next = nextStatus(order.status, action);
      if (!next) throw new CrmError(ErrorCode.Conflict, `cannot ${action} work order ${orderNo} in status ${order.status}`);
      const now = new Date();
      const urgeCount = order.urgeCount + (action === 'urge' ? 1 : 0);
      await this.workorders.updateState(m, order.id, { status: next, urgeCount });
      await this.history(m, order.id, action, order.status, next, ctx, note, now);
      const eventPattern = action === 'urge' ? WORKORDER_URGED_V1 : statusEventPattern(next);
      const event: WorkorderEventData = { workOrderId: order.id, orderNo, action, status: next, fromStatus: order.status, urgeCount };
      await this.record(
        m,
        ctx,
        action,
        { status: order.status, urgeCount: order.urgeCount },
        { status: next, urgeCount },
        eventPattern,
        event,
      );
      if (action === 'progress') {
        const payload: EomsStageReplyPayload = { orderNo, workOrderId: order.id, status: next, note: note ?? '', at: now.toISOString() };
        await this.outbox.call(m, EOMS_TARGET, EOMS_STAGE_REPLY_V1, { ...payload }, { stream: `eoms:${orderNo}` });
      }
      if (action === 'complete') {
        const payload: EomsReplyPayload = { orderNo, workOrderId: order.id, resolution: note ?? '', completedAt: now.toISOString() };
        await this.outbox.call(m, EOMS_TARGET, EOMS_REPLY_V1, { ...payload }, { stream: `eoms:${orderNo}` });
      }
      return { reply: { workOrderId: order.id, orderNo, status: next }, changed: true };
    });
    if (reply.changed) {
      this.log.log({ msg: `work order ${action}`, orderNo, status: reply.reply.status, by: ctx.caller });
    }
    return reply.reply;
  }

  private async history(
    m: EntityManager,
    workOrderId: string,
    action: string,
    fromStatus: WorkorderStatus | null,
    toStatus: WorkorderStatus,
    ctx: CallContext,
    note: string | null,
    at: Date,
  ) {
    await this.workorders.insertHistory(m, this.historyRow(workOrderId, action, fromStatus, toStatus, ctx, note, at));
  }

  private historyRow(
    workOrderId: string,
    action: string,
    fromStatus: WorkorderStatus | null,
    toStatus: WorkorderStatus,
    ctx: CallContext,
    note: string | null,
    at: Date,
  ): Omit<WorkorderHistoryEntity, 'id'> {
    return {
      workOrderId,
      at,
      action,
      fromStatus,
      toStatus,
      by: ctx.employeeId ?? ctx.caller,
      note,
      requestKey: redeliveryKey(ctx.requestKey, action, workOrderId),
    };
  }

  private async record(
    m: EntityManager,
    ctx: CallContext,
    action: WorkorderAction | 'dispatch',
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
    pattern: WorkorderStatusEventPattern | typeof WORKORDER_URGED_V1,
    event: WorkorderEventData,
  ): Promise<void> {
    await this.changes.record(m, ctx, this.change(action, before, after, pattern, event));
  }

  /**
   * The operation-log entry and the status event of a change; an order's events leave in order.
   * The entry's entityId is the orderNo, the key every work-order call names the order by (as an
   * account's is the accountId its calls take), so `?entity=workorder&entityId=<orderNo>` finds it.
   */
  private change(
    action: WorkorderAction | 'dispatch',
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
    pattern: WorkorderStatusEventPattern | typeof WORKORDER_URGED_V1,
    event: WorkorderEventData,
  ): Change {
    return {
      entity: 'workorder',
      entityId: event.orderNo,
      action,
      before,
      after,
      event: { pattern, data: event, stream: `workorder:${event.orderNo}` },
    };
  }
}

/** A new order's columns from its dispatch (its id aside). */
function orderFields({ dto, ctx, contentHash }: DispatchItem): Omit<WorkorderEntity, 'id' | 'createdAt' | 'updatedAt'> {
  return {
    orderNo: dto.orderNo,
    type: dto.type,
    title: dto.title,
    description: dto.description,
    priority: dto.priority,
    status: 'dispatched',
    customerAccountNo: dto.customer.accountNo,
    customerName: dto.customer.name,
    customerPhone: dto.customer.phone,
    deadline: new Date(dto.deadline),
    dispatchedAt: new Date(dto.dispatchedAt),
    urgeCount: 0,
    contentHash,
    dispatchedBy: ctx.caller,
    version: 1,
  };
}

/**
 * What makes a call "the same call again": the transport's `<caller>|<requestId or record id>`,
 * scoped to the action and the order, so a caller that reuses a requestId for another order or
 * another action is not mistaken for a redelivery. Hashed: fixed length, whatever the id's.
 */
function redeliveryKey(requestKey: string | null, action: string, workOrderId: string): string | null {
  return requestKey ? createHash('sha256').update(`${requestKey}\n${action}\n${workOrderId}`).digest('hex') : null;
}
