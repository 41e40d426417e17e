import type { FeatureSchema } from '../marketing-schema.js';
import { Lead1765000100000 } from './1765000100000-lead.migration.js';
import { LeadConversion1765000130000 } from './1765000130000-lead-conversion.migration.js';
import { LeadEntity } from './lead.entity.js';

/** The tables of this feature and the migrations that make them. */
export const LEAD_SCHEMA: FeatureSchema = { entities: [LeadEntity], migrations: [Lead1765000100000, LeadConversion1765000130000] };
