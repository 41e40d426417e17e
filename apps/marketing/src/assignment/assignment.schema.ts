import type { FeatureSchema } from '../marketing-schema.js';
import { Assignment1765000120000 } from './1765000120000-assignment.migration.js';

/** The tables of this feature and the migrations that make them (plain SQL: no entities). */
export const ASSIGNMENT_SCHEMA: FeatureSchema = { entities: [], migrations: [Assignment1765000120000] };
