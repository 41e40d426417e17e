import type { CaseEventData, CaseHistoryEntry, CaseStatus, CaseView } from '@crm/contracts';
import type { CaseSla } from '../sla/sla-clock.js';
import type { CaseFacts } from '../workflow/rule-evaluator.js';
import type { CaseRow } from './case.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toCaseView(c: CaseRow, sla: CaseSla | undefined, childCaseIds: string[], history?: CaseHistoryEntry[]): CaseView {
  return {
    caseId: c.id,
    caseNo: c.caseNo,
    accountId: c.accountId,
    contact: c.contact,
    channel: c.channel,
    category: c.category,
    priority: c.priority,
    status: c.status,
    subject: c.subject,
    description: c.description,
    ownerId: c.ownerId,
    queueId: c.queueId,
    skills: c.skills,
    escalationLevel: c.escalationLevel,
    masterCaseId: c.masterCaseId,
    childCaseIds,
    mergedIntoId: c.mergedIntoId,
    workOrderId: c.workorderId,
    orderNo: c.orderNo,
    resolution: c.resolution,
    satisfaction: c.satisfaction,
    satisfactionComment: c.satisfactionComment,
    watchers: c.watchers,
    attributes: c.attributes,
    reopenCount: c.reopenCount,
    responseDueAt: iso(sla?.responseDueAt ?? null),
    resolutionDueAt: iso(sla?.resolutionDueAt ?? null),
    slaState: sla?.slaState ?? null,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    resolvedAt: iso(c.resolvedAt),
    closedAt: iso(c.closedAt),
    ...(history ? { history } : {}),
  };
}

export function toCaseEvent(c: CaseRow, previousStatus: CaseStatus | null, extra: Partial<CaseEventData> = {}): CaseEventData {
  return {
    caseId: c.id,
    caseNo: c.caseNo,
    accountId: c.accountId,
    status: c.status,
    previousStatus,
    priority: c.priority,
    category: c.category,
    channel: c.channel,
    ownerId: c.ownerId,
    queueId: c.queueId,
    masterCaseId: c.masterCaseId,
    workOrderId: c.workorderId,
    orderNo: c.orderNo,
    escalationLevel: c.escalationLevel,
    version: c.version,
    ...extra,
  };
}

export function toFacts(c: CaseRow, slaTarget: string | null = null): CaseFacts {
  return {
    priority: c.priority,
    category: c.category,
    channel: c.channel,
    status: c.status,
    accountId: c.accountId,
    subject: c.subject,
    description: c.description,
    queueId: c.queueId,
    ownerId: c.ownerId,
    escalationLevel: c.escalationLevel,
    orderNo: c.orderNo,
    slaTarget,
    attributes: c.attributes,
  };
}

/** What the operation log compares (changed fields old → new). */
export function caseFields(c: CaseRow): Record<string, unknown> {
  const { id: _i, caseNo: _n, createdAt: _c, updatedAt: _u, createdBy: _b, ...rest } = c;
  return rest;
}
