export const WORKORDER_TYPES = ['complaint', 'fault', 'installation', 'consultation'] as const;
export type WorkorderType = (typeof WORKORDER_TYPES)[number];

export const WORKORDER_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type WorkorderPriority = (typeof WORKORDER_PRIORITIES)[number];

/** States of an EOMS work order; transitions are enforced by the service app's state machine. */
export const WORKORDER_STATUSES = ['dispatched', 'accepted', 'in_progress', 'completed', 'withdrawn'] as const;
export type WorkorderStatus = (typeof WORKORDER_STATUSES)[number];

export interface WorkorderHistoryEntry {
  at: string;
  action: string;
  fromStatus: WorkorderStatus | null;
  toStatus: WorkorderStatus;
  by: string;
  note: string | null;
}

export interface WorkorderView {
  workOrderId: string;
  orderNo: string;
  type: WorkorderType;
  title: string;
  description: string;
  priority: WorkorderPriority;
  status: WorkorderStatus;
  customer: { accountNo: string; name: string; phone: string };
  /** The sales account whose account number EOMS gave (`customer.accountNo`), once sales has announced it; else null. */
  accountId: string | null;
  /** @deprecated the same value as `accountId`, kept for EOMS clients that read it (sales' customers became accounts). */
  customerId: string | null;
  deadline: string;
  dispatchedAt: string;
  urgeCount: number;
  history: WorkorderHistoryEntry[];
}

/** Reply data of dispatch / urge / withdraw / accept / progress / complete. */
export interface WorkorderStatusReply {
  workOrderId: string;
  orderNo: string;
  status: WorkorderStatus;
}
