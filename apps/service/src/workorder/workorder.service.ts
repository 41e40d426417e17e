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
import { ChangeRecorder, OutboxWriter } from '@crm/outbox';
import { isDuplicateKey, retryOnDeadlock } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import { AccountDirectoryRepository } from '../account-directory/account-directory.repository.js';
import { dispatchContentHash } from './dispatch-content-hash.js';
import { nextStatus, statusEventPattern, type WorkorderAction } from './workorder-state.js';
import type { WorkorderEntity } from './workorder.entity.js';
import { toWorkorderView } from './workorder.mapper.js';
import { WorkorderRepository } from './workorder.repository.js';

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
  ) {}

  async dispatch(dto: DispatchWorkorderDto, ctx: CallContext): Promise<WorkorderStatusReply> {
    const contentHash = dispatchContentHash(dto);
    const id = randomUUID();
    try {
      // Insert first: the unique order_no decides between a new order and a retry, in one round trip.
      await retryOnDeadlock(() =>
        this.dataSource.transaction(async (m) => {
          const now = new Date();
          await this.workorders.insertOrder(m, {
            id,
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
          });
          await this.history(m, id, 'dispatch', null, 'dispatched', ctx, null, now);
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
          await this.record(m, ctx, 'dispatch', null, { status: 'dispatched', urgeCount: 0 }, statusEventPattern('dispatched'), event);
        }),
      );
    } catch (error) {
      if (isDuplicateKey(error)) {
        const existing = await this.workorders.findByOrderNo(dto.orderNo);
        if (!existing) throw new CrmError(ErrorCode.Conflict, 'requestId was already used for another call');
        return this.redispatch(existing, contentHash);
      }
      throw error;
    }
    this.log.debug?.({ msg: 'work order dispatched', orderNo: dto.orderNo, workOrderId: id, by: ctx.caller });
    return { workOrderId: id, orderNo: dto.orderNo, status: 'dispatched' };
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

  private redispatch(existing: WorkorderEntity, contentHash: string): WorkorderStatusReply {
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
    const requestKey = redeliveryKey(ctx.requestKey, action, workOrderId);
    await this.workorders.insertHistory(m, {
      workOrderId,
      at,
      action,
      fromStatus,
      toStatus,
      by: ctx.employeeId ?? ctx.caller,
      note,
      requestKey,
    });
  }

  /**
   * The operation-log entry and the status event of a change; an order's events leave in order.
   * The entry's entityId is the orderNo, the key every work-order call names the order by (as an
   * account's is the accountId its calls take), so `?entity=workorder&entityId=<orderNo>` finds it.
   */
  private async record(
    m: EntityManager,
    ctx: CallContext,
    action: WorkorderAction | 'dispatch',
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
    pattern: WorkorderStatusEventPattern | typeof WORKORDER_URGED_V1,
    event: WorkorderEventData,
  ): Promise<void> {
    await this.changes.record(m, ctx, {
      entity: 'workorder',
      entityId: event.orderNo,
      action,
      before,
      after,
      event: { pattern, data: event, stream: `workorder:${event.orderNo}` },
    });
  }
}

/**
 * What makes a call "the same call again": the transport's `<caller>|<requestId or record id>`,
 * scoped to the action and the order, so a caller that reuses a requestId for another order or
 * another action is not mistaken for a redelivery. Hashed: fixed length, whatever the id's.
 */
function redeliveryKey(requestKey: string | null, action: string, workOrderId: string): string | null {
  return requestKey ? createHash('sha256').update(`${requestKey}\n${action}\n${workOrderId}`).digest('hex') : null;
}
