import type { QuotaView } from './team.types.js';

/** Published when a quota is set or changed: the quota after the change. */
export const SALES_QUOTA_CHANGED_V1 = 'sales.quota.changed.v1';
export type QuotaChangedData = QuotaView;
