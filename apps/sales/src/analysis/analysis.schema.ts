import { Inbox1763882000000 } from '@crm/inbox';
import type { FeatureSchema } from '../sales-schema.js';
import { Analysis1764000600000 } from './1764000600000-analysis.migration.js';

/**
 * The tables of this feature and the migrations that make them. Analysis is the sales app's first
 * event consumer, so the inbox table comes with it (whoever merges a second consumer keeps one copy).
 */
export const ANALYSIS_SCHEMA: FeatureSchema = { entities: [], migrations: [Inbox1763882000000, Analysis1764000600000] };
