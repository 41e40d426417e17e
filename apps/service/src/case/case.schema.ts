import type { FeatureSchema } from '../database/service.database.js';
import { ServiceCase1765000400000 } from './1765000400000-case.migration.js';

/** The tables of this feature and the migrations that make them (plain SQL, no entities). */
export const CASE_SCHEMA: FeatureSchema = { entities: [], migrations: [ServiceCase1765000400000] };
