/** The sales app's product contracts: one file per message beside this barrel. */
import { PRICE_BOOK_CREATED_V1, type PriceBookCreatedData } from './price-book-created.event.js';
import { PRICE_BOOK_UPDATED_V1, type PriceBookUpdatedData } from './price-book-updated.event.js';
import { PRODUCT_CREATED_V1, type ProductCreatedData } from './product-created.event.js';
import { PRODUCT_UPDATED_V1, type ProductUpdatedData } from './product-updated.event.js';

export * from './product.types.js';
export * from './product-fields.dto.js';
export * from './create-product.dto.js';
export * from './update-product.dto.js';
export * from './get-product.dto.js';
export * from './list-products.dto.js';
export * from './configure-product.dto.js';
export * from './price-book-fields.dto.js';
export * from './create-price-book.dto.js';
export * from './update-price-book.dto.js';
export * from './get-price-book.dto.js';
export * from './list-price-books.dto.js';
export * from './product-created.event.js';
export * from './product-updated.event.js';
export * from './price-book-created.event.js';
export * from './price-book-updated.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface ProductEventPayloads {
  [PRODUCT_CREATED_V1]: ProductCreatedData;
  [PRODUCT_UPDATED_V1]: ProductUpdatedData;
  [PRICE_BOOK_CREATED_V1]: PriceBookCreatedData;
  [PRICE_BOOK_UPDATED_V1]: PriceBookUpdatedData;
}
