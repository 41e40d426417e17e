import type { FeatureSchema } from '../marketing-schema.js';

/** The tables of this feature and the migrations that make them. */
export const SALES_FEED_SCHEMA: FeatureSchema = { entities: [], migrations: [] };
