import type { FeatureSchema } from '../sales-schema.js';

/** The tables of this feature and the migrations that make them. */
export const QUOTE_SCHEMA: FeatureSchema = { entities: [], migrations: [] };
