import type { PriceBookView } from './product.types.js';

/** Published by sales when a price book is created: the book as created, with its entries. */
export const PRICE_BOOK_CREATED_V1 = 'sales.price-book.created.v1';
export type PriceBookCreatedData = PriceBookView;
