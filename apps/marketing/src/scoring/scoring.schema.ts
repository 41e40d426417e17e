import type { FeatureSchema } from '../marketing-schema.js';

/** The tables of this feature and the migrations that make them. */
export const SCORING_SCHEMA: FeatureSchema = { entities: [], migrations: [] };
