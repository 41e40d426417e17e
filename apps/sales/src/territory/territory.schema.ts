import type { FeatureSchema } from '../sales-schema.js';
import { Territory1764000500100 } from './1764000500100-territory.migration.js';

/** The tables of this feature and the migrations that make them (plain SQL, no entities). */
export const TERRITORY_SCHEMA: FeatureSchema = { entities: [], migrations: [Territory1764000500100] };
