import { Inbox1763882000000 } from '@crm/inbox';
import type { FeatureSchema } from '../marketing-schema.js';
import { SalesFeed1765000200000 } from './1765000200000-sales-feed.migration.js';

/**
 * The fact tables (plain SQL, no entities) and marketing's inbox table: the sales feed is the
 * marketing app's one inbox consumer, so it brings the inbox migration.
 */
export const SALES_FEED_SCHEMA: FeatureSchema = { entities: [], migrations: [Inbox1763882000000, SalesFeed1765000200000] };
