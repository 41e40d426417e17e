import type { FeatureSchema } from '../database/service.database.js';
import { Sla1765000500000 } from './1765000500000-sla.migration.js';

/** The tables of this feature and the migrations that make them (plain SQL, no entities). */
export const SLA_SCHEMA: FeatureSchema = { entities: [], migrations: [Sla1765000500000] };
