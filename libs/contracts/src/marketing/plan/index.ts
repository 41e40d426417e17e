/** The marketing app's plan contracts: one file per message beside this barrel. */
import { PLAN_CREATED_V1, PLAN_UPDATED_V1, type PlanCreatedData, type PlanUpdatedData } from './plan-events.js';

export * from './plan.types.js';
export * from './create-plan.dto.js';
export * from './update-plan.dto.js';
export * from './get-plan.dto.js';
export * from './list-plans.dto.js';
export * from './plan-progress.dto.js';
export * from './plan-events.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface MarketingPlanEventPayloads {
  [PLAN_CREATED_V1]: PlanCreatedData;
  [PLAN_UPDATED_V1]: PlanUpdatedData;
}
