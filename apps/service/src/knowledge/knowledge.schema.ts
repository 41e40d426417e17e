import type { FeatureSchema } from '../database/service.database.js';
import { Knowledge1765000600000 } from './1765000600000-knowledge.migration.js';
import { KnowledgeInvertedIndex1765000610000 } from './1765000610000-knowledge-inverted-index.migration.js';
import { ArticleVersionEntity } from './article-version.entity.js';
import { ArticleEntity } from './article.entity.js';

/** The tables of this feature and the migrations that make them (`knowledge_search`, `knowledge_posting`, `knowledge_term`: raw SQL only). */
export const KNOWLEDGE_SCHEMA: FeatureSchema = {
  entities: [ArticleEntity, ArticleVersionEntity],
  migrations: [Knowledge1765000600000, KnowledgeInvertedIndex1765000610000],
};
