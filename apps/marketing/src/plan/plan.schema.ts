import type { FeatureSchema } from '../marketing-schema.js';
import { MarketPlan1765000202000 } from './1765000202000-market-plan.migration.js';
import { MarketPlanEntity } from './plan.entity.js';

/** The tables of this feature and the migrations that make them. */
export const PLAN_SCHEMA: FeatureSchema = { entities: [MarketPlanEntity], migrations: [MarketPlan1765000202000] };
