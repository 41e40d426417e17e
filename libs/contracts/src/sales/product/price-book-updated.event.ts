import type { PriceBookView } from './product.types.js';

/** Published by sales when a price book changed: the book after the change and which fields changed. */
export const PRICE_BOOK_UPDATED_V1 = 'sales.price-book.updated.v1';
export interface PriceBookUpdatedData extends PriceBookView {
  changedFields: string[];
}
