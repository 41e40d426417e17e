import type { FeatureSchema } from '../sales-schema.js';
import { LeadConversion1765000150000 } from './1765000150000-lead-conversion.migration.js';

/** The tables of this feature (plain SQL, no entity) and the migrations that make them. */
export const LEAD_CONVERSION_SCHEMA: FeatureSchema = { entities: [], migrations: [LeadConversion1765000150000] };
