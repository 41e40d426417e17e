import type { FeatureSchema } from '../database/service.database.js';
import { ServiceWorkflow1765000420000 } from './1765000420000-workflow.migration.js';

/** The tables of this feature and the migrations that make them (plain SQL, no entities). */
export const WORKFLOW_SCHEMA: FeatureSchema = { entities: [], migrations: [ServiceWorkflow1765000420000] };
