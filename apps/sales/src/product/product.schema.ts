import type { FeatureSchema } from '../sales-schema.js';
import { Product1764000200000 } from './1764000200000-product.migration.js';
import { PriceBookEntity, PriceBookEntryEntity } from './price-book.entity.js';
import { ProductEntity } from './product.entity.js';

/** The tables of this feature and the migrations that make them. */
export const PRODUCT_SCHEMA: FeatureSchema = {
  entities: [ProductEntity, PriceBookEntity, PriceBookEntryEntity],
  migrations: [Product1764000200000],
};
