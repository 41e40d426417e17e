import type { FeatureSchema } from '../sales-schema.js';
import { Quota1764000500200 } from './1764000500200-quota.migration.js';

/** The tables of this feature and the migrations that make them (plain SQL, no entities). */
export const QUOTA_SCHEMA: FeatureSchema = { entities: [], migrations: [Quota1764000500200] };
