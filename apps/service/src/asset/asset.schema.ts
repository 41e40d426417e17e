import type { FeatureSchema } from '../database/service.database.js';
import { Asset1765000711000 } from './1765000711000-asset.migration.js';

/**
 * The tables of this feature and the migrations that make them. The tables (`asset`, `entitlement`,
 * `entitlement_policy`) are read with plain SQL in `asset.repository.ts`, so no TypeORM entities.
 */
export const ASSET_SCHEMA: FeatureSchema = { entities: [], migrations: [Asset1765000711000] };
