import type { AppName } from './naming.js';
import { CUSTOMER_CREATED_V1 } from './sales/customer-created.event.js';
import { CUSTOMER_UPDATED_V1 } from './sales/customer-updated.event.js';
import { ANALYSIS_FEED_PATTERNS } from './sales/analysis/opportunity-feed.event.js';

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
  { app: 'service', purpose: 'account-directory', patterns: [CUSTOMER_CREATED_V1, CUSTOMER_UPDATED_V1] },
  { app: 'sales', purpose: 'analysis', patterns: ANALYSIS_FEED_PATTERNS },
];
