import type { FeatureSchema } from '../marketing-schema.js';
import { Industry1765000310000 } from './1765000310000-industry.migration.js';

/** The tables of this feature and the migrations that make them (read with plain SQL: no entity). */
export const INDUSTRY_SCHEMA: FeatureSchema = { entities: [], migrations: [Industry1765000310000] };
