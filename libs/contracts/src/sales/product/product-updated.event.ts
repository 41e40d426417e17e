import type { ProductView } from './product.types.js';

/** Published by sales when a product changed: the product after the change and which fields changed. */
export const PRODUCT_UPDATED_V1 = 'sales.product.updated.v1';
export interface ProductUpdatedData extends ProductView {
  changedFields: string[];
}
