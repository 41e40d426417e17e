import { ALERT_RAISED_V1, type AlertRaisedData } from './audit/alert-events.js';
import { AUDIT_CHAIN_ANCHORED_V1, type AuditChainAnchoredData } from './audit/chain-anchored.js';
import { AUDIT_LOG_PURGED_V1, type AuditLogPurgedData } from './audit-data.js';
import { CALL_RECORDED_V1, type CallEvent } from './call-event.js';
import {
  ACCESS_REVIEW_OVERDUE_V1,
  LOGIN_FAILED_V1,
  type AccessReviewOverdueData,
  type LoginFailedData,
} from './employee/employee.contract.js';
import {
  CALLER_CHANGED_V1,
  CALLER_EXPIRING_V1,
  EMPLOYEE_SESSIONS_REVOKED_V1,
  type CallerChangedData,
  type CallerExpiringData,
  type EmployeeSessionsRevokedData,
} from './events.js';
import type { AccountEventPayloads } from './sales/account/index.js';
import type { ProductEventPayloads } from './sales/product/index.js';
import type { OpportunityEventPayloads } from './sales/opportunity/index.js';
import type { QuoteEventPayloads } from './sales/quote/index.js';
import type { ContractEventPayloads } from './sales/contract/index.js';
import type { PartnerEventPayloads } from './sales/partner/index.js';
import type { TeamEventPayloads } from './sales/team/index.js';
import type { AnalysisEventPayloads } from './sales/analysis/index.js';
import type { LeadConversionEventPayloads } from './sales/lead-conversion/index.js';
import type { MarketingLeadEventPayloads } from './marketing/lead/index.js';
import type { MarketingCampaignEventPayloads } from './marketing/campaign/index.js';
import type { MarketingPlanEventPayloads } from './marketing/plan/index.js';
import type { MarketingCompetitorEventPayloads } from './marketing/competitor/index.js';
import type { MarketingIndustryEventPayloads } from './marketing/industry/index.js';
import type { MarketingStrategyEventPayloads } from './marketing/strategy/index.js';
import type { MarketingDocumentEventPayloads } from './marketing/document/index.js';
import type { ServiceCaseEventPayloads } from './service/case/index.js';
import type { ServiceQueueEventPayloads } from './service/queue/index.js';
import type { ServiceSlaEventPayloads } from './service/sla/index.js';
import type { ServiceWorkflowEventPayloads } from './service/workflow/index.js';
import type { ServiceKnowledgeEventPayloads } from './service/knowledge/index.js';
import type { ServiceAssetEventPayloads } from './service/asset/index.js';
import type { ServiceRecommendationEventPayloads } from './service/recommendation/index.js';
import { OPERATION_RECORDED_V1, type OperationEvent } from './operation-event.js';
import {
  WORKORDER_ACCEPTED_V1,
  WORKORDER_COMPLETED_V1,
  WORKORDER_DISPATCHED_V1,
  WORKORDER_IN_PROGRESS_V1,
  WORKORDER_URGED_V1,
  WORKORDER_WITHDRAWN_V1,
  type WorkorderEventData,
} from './workorder/workorder-events.js';

/**
 * Every business event the apps publish on `<ns>.events`, by pattern, with the business fields it
 * carries (the envelope adds `eventId`, `occurredAt`, `caller`, `employeeId`). `EventPublisher.publish`,
 * `OutboxWriter.add` and `ChangeRecorder`'s `event` accept only these pairs, so an event cannot be
 * published under a pattern with another pattern's shape. A new event gets its entry here first.
 */
export interface EventPayloads
  extends
    AccountEventPayloads,
    ProductEventPayloads,
    OpportunityEventPayloads,
    QuoteEventPayloads,
    ContractEventPayloads,
    PartnerEventPayloads,
    TeamEventPayloads,
    AnalysisEventPayloads,
    LeadConversionEventPayloads,
    MarketingLeadEventPayloads,
    MarketingCampaignEventPayloads,
    MarketingPlanEventPayloads,
    MarketingCompetitorEventPayloads,
    MarketingIndustryEventPayloads,
    MarketingStrategyEventPayloads,
    MarketingDocumentEventPayloads,
    ServiceCaseEventPayloads,
    ServiceQueueEventPayloads,
    ServiceSlaEventPayloads,
    ServiceWorkflowEventPayloads,
    ServiceKnowledgeEventPayloads,
    ServiceAssetEventPayloads,
    ServiceRecommendationEventPayloads {
  [CALL_RECORDED_V1]: CallEvent;
  [OPERATION_RECORDED_V1]: OperationEvent;
  [ALERT_RAISED_V1]: AlertRaisedData;
  [AUDIT_LOG_PURGED_V1]: AuditLogPurgedData;
  [AUDIT_CHAIN_ANCHORED_V1]: AuditChainAnchoredData;
  [CALLER_CHANGED_V1]: CallerChangedData;
  [CALLER_EXPIRING_V1]: CallerExpiringData;
  [EMPLOYEE_SESSIONS_REVOKED_V1]: EmployeeSessionsRevokedData;
  [ACCESS_REVIEW_OVERDUE_V1]: AccessReviewOverdueData;
  [LOGIN_FAILED_V1]: LoginFailedData;
  [WORKORDER_DISPATCHED_V1]: WorkorderEventData;
  [WORKORDER_ACCEPTED_V1]: WorkorderEventData;
  [WORKORDER_IN_PROGRESS_V1]: WorkorderEventData;
  [WORKORDER_COMPLETED_V1]: WorkorderEventData;
  [WORKORDER_WITHDRAWN_V1]: WorkorderEventData;
  [WORKORDER_URGED_V1]: WorkorderEventData;
}

export type EventPattern = keyof EventPayloads;

/**
 * A pattern with its payload. Distributed over `P`, so a message whose pattern is one of several
 * (e.g. a work order's status event) still pairs each pattern with its own payload.
 */
export type EventMessage<P extends EventPattern = EventPattern> = { [K in P]: { pattern: K; data: EventPayloads[K] } }[P];
