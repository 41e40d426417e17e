import type { FeatureSchema } from '../marketing-schema.js';
import { Competitor1765000300000 } from './1765000300000-competitor.migration.js';
import { CompetitorEntity } from './competitor.entity.js';

/** The tables of this feature and the migrations that make them. */
export const COMPETITOR_SCHEMA: FeatureSchema = { entities: [CompetitorEntity], migrations: [Competitor1765000300000] };
