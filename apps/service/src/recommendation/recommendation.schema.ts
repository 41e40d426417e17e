import type { FeatureSchema } from '../database/service.database.js';
import { RecommendationProfile1765000712000 } from './1765000712000-recommendation.migration.js';

/** The tables of this feature and the migrations that make them (read with plain SQL, no entities). */
export const RECOMMENDATION_SCHEMA: FeatureSchema = { entities: [], migrations: [RecommendationProfile1765000712000] };
