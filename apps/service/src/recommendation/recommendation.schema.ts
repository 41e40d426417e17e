import type { FeatureSchema } from '../database/service.database.js';

/** The tables of this feature and the migrations that make them. */
export const RECOMMENDATION_SCHEMA: FeatureSchema = { entities: [], migrations: [] };
