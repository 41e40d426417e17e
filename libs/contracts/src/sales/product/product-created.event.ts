import type { ProductView } from './product.types.js';

/** Published by sales when a catalogue product is created: the product as created. */
export const PRODUCT_CREATED_V1 = 'sales.product.created.v1';
export type ProductCreatedData = ProductView;
