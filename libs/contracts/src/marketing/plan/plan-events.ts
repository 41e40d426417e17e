import type { PlanView } from './plan.types.js';

/** Published when a market plan is created / changed: the plan as it is after the change. */
export const PLAN_CREATED_V1 = 'marketing.plan.created.v1';
export const PLAN_UPDATED_V1 = 'marketing.plan.updated.v1';

export type PlanCreatedData = Omit<PlanView, 'createdAt' | 'updatedAt'>;
export interface PlanUpdatedData extends PlanCreatedData {
  changedFields: string[];
}
