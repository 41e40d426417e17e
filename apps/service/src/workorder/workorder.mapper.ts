import type { WorkorderView } from '@crm/contracts';
import type { WorkorderHistoryEntity } from './workorder-history.entity.js';
import type { WorkorderEntity } from './workorder.entity.js';

/** An order as EOMS and staff see it, with its history; `accountId` is the sales account, if known. */
export function toWorkorderView(o: WorkorderEntity, history: WorkorderHistoryEntity[], accountId: string | null): WorkorderView {
  return {
    workOrderId: o.id,
    orderNo: o.orderNo,
    type: o.type,
    title: o.title,
    description: o.description,
    priority: o.priority,
    status: o.status,
    customer: { accountNo: o.customerAccountNo, name: o.customerName, phone: o.customerPhone },
    accountId,
    customerId: accountId,
    deadline: o.deadline.toISOString(),
    dispatchedAt: o.dispatchedAt.toISOString(),
    urgeCount: o.urgeCount,
    history: history.map((h) => ({
      at: h.at.toISOString(),
      action: h.action,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      by: h.by,
      note: h.note,
    })),
  };
}
