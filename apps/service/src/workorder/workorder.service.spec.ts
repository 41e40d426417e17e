import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, EOMS_REPLY_V1, ErrorCode, WORKORDER_COMPLETED_V1, type WorkorderStatus } from '@crm/contracts';
import type { Change, ChangeRecorder, OutboxWriter } from '@crm/outbox';
import type { CallContext } from '@crm/security';
import type { AccountDirectoryRepository } from '../account-directory/account-directory.repository.js';
import type { WorkorderHistoryEntity } from './workorder-history.entity.js';
import type { WorkorderEntity } from './workorder.entity.js';
import type { WorkorderRepository } from './workorder.repository.js';
import { WorkorderService } from './workorder.service.js';

/** The repository's contract without SQL: one order and its history rows in memory. */
class FakeWorkorderRepository {
  readonly history: Array<Omit<WorkorderHistoryEntity, 'id'>> = [];
  constructor(public order: WorkorderEntity) {}

  async findByOrderNo(orderNo: string): Promise<WorkorderEntity | null> {
    return orderNo === this.order.orderNo ? { ...this.order } : null;
  }
  async isApplied(requestKey: string): Promise<boolean> {
    return this.history.some((h) => h.requestKey === requestKey);
  }
  async updateState(_m: EntityManager, _id: string, state: { status: WorkorderStatus; urgeCount: number }): Promise<void> {
    this.order = { ...this.order, ...state };
  }
  async insertHistory(_m: EntityManager, h: Omit<WorkorderHistoryEntity, 'id'>): Promise<void> {
    this.history.push(h);
  }
}

function order(status: WorkorderStatus): WorkorderEntity {
  const at = new Date('2026-11-23T08:00:00Z');
  return {
    id: 'w-1',
    orderNo: 'EOMS-1',
    type: 'fault',
    title: 'No dial tone',
    description: '',
    priority: 'high',
    status,
    customerAccountNo: 'ACC-1',
    customerName: 'Li Lei',
    customerPhone: '13800008000',
    deadline: at,
    dispatchedAt: at,
    urgeCount: 0,
    contentHash: 'h',
    dispatchedBy: 'EOMS',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

function setup(status: WorkorderStatus) {
  const repo = new FakeWorkorderRepository(order(status));
  const recorded: Change[] = [];
  const calls: Array<{ target: string; pattern: string; payload: Record<string, unknown>; stream: string | null | undefined }> = [];
  const changes = {
    record: async (_m: EntityManager, _c: unknown, change: Change) => void recorded.push(change),
  } as unknown as ChangeRecorder;
  const outbox = {
    call: async (_m: EntityManager, target: string, pattern: string, payload: Record<string, unknown>, o: { stream?: string | null }) => (
      calls.push({ target, pattern, payload, stream: o.stream }),
      'c-1'
    ),
  } as unknown as OutboxWriter;
  const dataSource = { transaction: async <T>(run: (m: EntityManager) => Promise<T>) => run({} as EntityManager) } as unknown as DataSource;
  const service = new WorkorderService(
    dataSource,
    changes,
    outbox,
    {} as AccountDirectoryRepository,
    repo as unknown as WorkorderRepository,
  );
  return { repo, recorded, calls, service };
}

const staff: CallContext = {
  caller: 'FRONTEND',
  employeeId: 'E100001',
  requestKey: 'FRONTEND|rq-1',
  requestId: 'rq-1',
  scope: null,
  permissions: ['workorder.update'],
};

describe('WorkorderService transitions', () => {
  it('refuses an illegal transition with 4090 and writes nothing', async () => {
    const { service, repo, recorded, calls } = setup('completed');
    const error = await service.accept('EOMS-1', null, staff).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).code).toBe(ErrorCode.Conflict);
    expect(repo.order.status).toBe('completed');
    expect([repo.history, recorded, calls]).toEqual([[], [], []]);
  });

  it('answers 4040 for an unknown order', async () => {
    const { service } = setup('accepted');
    await expect(service.complete('EOMS-2', 'fixed', staff)).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  it("completes: history, the change with before/after and its status event on the order's stream, and the final reply to EOMS", async () => {
    const { service, repo, recorded, calls } = setup('in_progress');
    expect(await service.complete('EOMS-1', 'line replaced', staff)).toEqual({
      workOrderId: 'w-1',
      orderNo: 'EOMS-1',
      status: 'completed',
    });
    expect(repo.history).toEqual([
      expect.objectContaining({
        action: 'complete',
        fromStatus: 'in_progress',
        toStatus: 'completed',
        by: 'E100001',
        note: 'line replaced',
      }),
    ]);
    expect(recorded).toEqual([
      {
        // Found by the number EOMS knows it by, not our internal id (audit's ?entity=workorder&entityId=<orderNo>).
        entity: 'workorder',
        entityId: 'EOMS-1',
        action: 'complete',
        before: { status: 'in_progress', urgeCount: 0 },
        after: { status: 'completed', urgeCount: 0 },
        event: {
          pattern: WORKORDER_COMPLETED_V1,
          data: { workOrderId: 'w-1', orderNo: 'EOMS-1', action: 'complete', status: 'completed', fromStatus: 'in_progress', urgeCount: 0 },
          stream: 'workorder:EOMS-1',
        },
      },
    ]);
    expect(calls).toEqual([
      {
        target: 'eoms',
        pattern: EOMS_REPLY_V1,
        payload: expect.objectContaining({ orderNo: 'EOMS-1', resolution: 'line replaced' }),
        stream: 'eoms:EOMS-1',
      },
    ]);
  });

  it('answers a redelivered call without applying it twice', async () => {
    const { service, repo, recorded } = setup('dispatched');
    await service.accept('EOMS-1', null, staff);
    expect(await service.accept('EOMS-1', null, staff)).toEqual({ workOrderId: 'w-1', orderNo: 'EOMS-1', status: 'accepted' });
    expect(repo.history).toHaveLength(1);
    expect(recorded).toHaveLength(1);
  });
});
