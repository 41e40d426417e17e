import type { FeatureSchema } from '../database/service.database.js';
import { Knowledge1765000600000 } from './1765000600000-knowledge.migration.js';
import { ArticleVersionEntity } from './article-version.entity.js';
import { ArticleEntity } from './article.entity.js';

/** The tables of this feature and the migrations that make them (`knowledge_search` has no entity: raw SQL only). */
export const KNOWLEDGE_SCHEMA: FeatureSchema = { entities: [ArticleEntity, ArticleVersionEntity], migrations: [Knowledge1765000600000] };
