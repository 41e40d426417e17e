import type { EntityManager } from 'typeorm';
import type { WorkorderHistoryEntity } from './workorder-history.entity.js';
import type { WorkorderEntity } from './workorder.entity.js';

/**
 * The inserts of the dispatch hot path as plain parameterised SQL. TypeORM's query builder costs
 * ~15% of the service's CPU per dispatch (measured with a CPU profile at concurrency 64); these
 * statements run inside the caller's transaction.
 */
export const WorkorderRepository = {
  async insertOrder(m: EntityManager, o: Omit<WorkorderEntity, 'createdAt' | 'updatedAt'>): Promise<void> {
    await m.query(
      `INSERT INTO work_order (id, order_no, type, title, description, priority, status, customer_account_no, customer_name,
         customer_phone, deadline, dispatched_at, urge_count, content_hash, dispatched_by, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [o.id, o.orderNo, o.type, o.title, o.description, o.priority, o.status, o.customerAccountNo, o.customerName, o.customerPhone, o.deadline, o.dispatchedAt, o.urgeCount, o.contentHash, o.dispatchedBy, o.version],
    );
  },

  async insertHistory(m: EntityManager, h: Omit<WorkorderHistoryEntity, 'id'>): Promise<void> {
    await m.query('INSERT INTO work_order_history (work_order_id, at, action, from_status, to_status, `by`, note, request_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      h.workOrderId,
      h.at,
      h.action,
      h.fromStatus,
      h.toStatus,
      h.by,
      h.note,
      h.requestKey,
    ]);
  },
};
