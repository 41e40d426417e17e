import type { FeatureSchema } from '../sales-schema.js';
import { SalesTeam1764000500000 } from './1764000500000-sales-team.migration.js';

/** The tables of this feature and the migrations that make them (plain SQL, no entities). */
export const TEAM_SCHEMA: FeatureSchema = { entities: [], migrations: [SalesTeam1764000500000] };
