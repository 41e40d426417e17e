import type { FeatureSchema } from '../marketing-schema.js';
import { Scoring1765000110000 } from './1765000110000-scoring.migration.js';

/** The tables of this feature and the migrations that make them (plain SQL: no entities). */
export const SCORING_SCHEMA: FeatureSchema = { entities: [], migrations: [Scoring1765000110000] };
