import type { CaseCategory, CaseStatus, WorkorderType } from '@crm/contracts';

export type WorkorderStep = { action: 'accept' } | { action: 'progress'; note: string } | { action: 'complete'; resolution: string };

/** EOMS order types that become cases, and the case category each opens. */
export function caseCategoryOf(type: WorkorderType | undefined, fanOut: boolean): CaseCategory | null {
  if (type === 'complaint') return 'complaint';
  if (type === 'fault') return fanOut ? 'network-fault' : 'fault';
  return null;
}

/**
 * What a case's new status asks of its work order (SPEC §2.4, docs/service/cases.md "EOMS mapping"):
 * taking the case accepts the order; work and waiting are stage replies (阶段回复); resolving is
 * the final reply (回单). Steps the order's state does not allow (already accepted, already
 * completed, withdrawn) are skipped by the caller, so the mapping can list "accept" first freely.
 */
export function workorderStepsFor(status: CaseStatus, caseNo: string, note: string | null): WorkorderStep[] {
  switch (status) {
    case 'new':
      return [];
    case 'assigned':
      return [{ action: 'accept' }];
    case 'in_progress':
      return [{ action: 'accept' }, { action: 'progress', note: note ?? `case ${caseNo} in progress` }];
    case 'pending_customer':
      return [{ action: 'accept' }, { action: 'progress', note: note ?? `case ${caseNo} waiting for the customer` }];
    case 'resolved':
    case 'closed':
      return [{ action: 'accept' }, { action: 'complete', resolution: note ?? `case ${caseNo} resolved` }];
  }
}
