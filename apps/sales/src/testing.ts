/**
 * The sales app's test seam: what the project's own tests and benchmarks may use of its insides.
 * Lint lets test/ and scripts/ import this file and no other file of the app; production code
 * never imports it.
 */
export { advertisingProduct, advertisingProductPayload, fixedCatalogue, partnerAdEntry } from './product/advertising-product.fixture.js';
export { priceLines, type CatalogueProduct, type PriceOverride, type PricingCatalogue } from './product/pricing-engine.js';
export type { PricedLine, PriceLineRequest, PriceRequest } from './product/product-pricing.js';
