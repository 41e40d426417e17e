import type { FeatureSchema } from '../database/service.database.js';
import { ServiceQueue1765000410000 } from './1765000410000-queue.migration.js';

/** The tables of this feature and the migrations that make them (plain SQL, no entities). */
export const QUEUE_SCHEMA: FeatureSchema = { entities: [], migrations: [ServiceQueue1765000410000] };
