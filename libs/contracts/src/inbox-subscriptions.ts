import type { AppName } from './naming.js';
import { ACCOUNT_CREATED_V1 } from './sales/account/account-created.event.js';
import { ACCOUNT_UPDATED_V1 } from './sales/account/account-updated.event.js';
import { SALES_TEAM_MEMBERS_CHANGED_V1 } from './sales/team/team-members-changed.event.js';
import { SALES_FEED_PATTERNS } from './marketing/campaign/sales-feed-events.js';
import { CASE_STATUS_CHANGED_V1 } from './service/case/case-events.js';
import { WORKFLOW_SLA_BREACH_TRIGGER, WORKFLOW_SLA_WARNING_TRIGGER } from './service/workflow/workflow-events.js';
import { WORKORDER_DISPATCHED_V1, WORKORDER_URGED_V1, WORKORDER_WITHDRAWN_V1 } from './workorder/workorder-events.js';
import { CONTRACT_ACTIVATED_V1 } from './sales/contract/contract-activated.event.js';
import { CONTRACT_EXPIRED_V1 } from './sales/contract/contract-expired.event.js';
import { CONTRACT_TERMINATED_V1 } from './sales/contract/contract-terminated.event.js';
import { ANALYSIS_FEED_PATTERNS } from './sales/analysis/opportunity-feed.event.js';
import { SALES_LEAD_CONVERTED_V1 } from './sales/lead-conversion/lead-converted.event.js';

/**
 * Which app consumes which events, and for what (SPEC §6.0 "Cross-app flows"). Each entry is a
 * durable queue `<ns>.<app>.in.<purpose>` bound to `<ns>.events` with these patterns. Every app
 * declares all of them at start (like the audit feeds), so an event published before the consuming
 * app ever ran still waits for it. The consuming feature's `@InboxHandler`s must cover exactly
 * these patterns; `InboxModule` refuses to start otherwise.
 */
export interface InboxSubscription {
  app: AppName;
  /** kebab-case, names the feature that consumes (`account-directory`). */
  purpose: string;
  patterns: readonly string[];
}

export const INBOX_SUBSCRIPTIONS: readonly InboxSubscription[] = [
  { app: 'service', purpose: 'account-directory', patterns: [ACCOUNT_CREATED_V1, ACCOUNT_UPDATED_V1] },
  // Service's assets and entitlements from sales contracts; recommendations' industry/segment of accounts.
  { app: 'service', purpose: 'assets', patterns: [CONTRACT_ACTIVATED_V1, CONTRACT_TERMINATED_V1, CONTRACT_EXPIRED_V1] },
  { app: 'service', purpose: 'recommendation-profiles', patterns: [ACCOUNT_CREATED_V1, ACCOUNT_UPDATED_V1] },
  { app: 'auth', purpose: 'sales-teams', patterns: [SALES_TEAM_MEMBERS_CHANGED_V1] },
  // Marketing's copy of sales opportunities and accounts (campaign ROI, plan progress, strategy, competitors).
  { app: 'marketing', purpose: 'sales-feed', patterns: SALES_FEED_PATTERNS },
  // Workflow rules triggered by the SLA clock's warnings and breaches (service's own events).
  { app: 'service', purpose: 'workflow', patterns: [WORKFLOW_SLA_WARNING_TRIGGER, WORKFLOW_SLA_BREACH_TRIGGER] },
  // EOMS work orders as cases: orders open/urge/close cases; case progress drives the order's replies.
  {
    app: 'service',
    purpose: 'workorder-case',
    patterns: [WORKORDER_DISPATCHED_V1, WORKORDER_URGED_V1, WORKORDER_WITHDRAWN_V1, CASE_STATUS_CHANGED_V1],
  },
  { app: 'sales', purpose: 'analysis', patterns: ANALYSIS_FEED_PATTERNS },
  // Marketing's lead conversion saga: sales' result, beside the reply to the outbox call.
  { app: 'marketing', purpose: 'lead-conversion', patterns: [SALES_LEAD_CONVERTED_V1] },
];
