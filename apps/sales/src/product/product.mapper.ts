import { Decimal, type PriceBookEntry, type PriceBookView, type ProductView } from '@crm/contracts';
import type { CatalogueProduct, PriceOverride } from './pricing-engine.js';
import type { PriceBookEntity, PriceBookEntryEntity } from './price-book.entity.js';
import type { ProductEntity } from './product.entity.js';

/** A DECIMAL column's text without its padding: "0.0600" → "0.06". */
export const rateText = (v: string) => new Decimal(v).toString();

/** A price column's text with at least 2 places: "25.000000" → "25.00", "0.045000" → "0.045". */
export function priceText(v: string): string {
  const d = new Decimal(v);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}

export function toProductView(p: ProductEntity): ProductView {
  return {
    productId: p.id,
    sku: p.sku,
    name: p.name,
    family: p.family,
    description: p.description,
    kind: p.kind,
    unit: p.unit,
    taxRate: rateText(p.taxRate),
    currency: p.currency,
    active: p.active,
    options: p.options,
    attributes: p.attributes,
    rules: p.rules,
    pricing: p.pricing,
    bundle: p.bundle,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toCatalogueProduct(
  p: Pick<
    ProductEntity,
    'id' | 'sku' | 'name' | 'kind' | 'unit' | 'taxRate' | 'currency' | 'active' | 'options' | 'attributes' | 'rules' | 'pricing' | 'bundle'
  >,
): CatalogueProduct {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    kind: p.kind,
    unit: p.unit,
    taxRate: rateText(p.taxRate),
    currency: p.currency,
    active: p.active,
    definition: { options: p.options, attributes: p.attributes, rules: p.rules, pricing: p.pricing, bundle: p.bundle },
  };
}

export function toEntryView(e: PriceBookEntryEntity): PriceBookEntry {
  return {
    productId: e.productId,
    ...(e.basePrice !== null && { basePrice: priceText(e.basePrice) }),
    ...(e.adders !== null && { adders: e.adders }),
    ...(e.tiers !== null && { tiers: e.tiers }),
  };
}

export function toOverride(e: PriceBookEntryEntity): PriceOverride {
  return { priceBookId: e.priceBookId, basePrice: e.basePrice, adders: e.adders, tiers: e.tiers };
}

export function toPriceBookView(b: PriceBookEntity, entries: PriceBookEntryEntity[]): PriceBookView {
  return {
    priceBookId: b.id,
    name: b.name,
    channel: b.channel,
    segment: b.segment,
    currency: b.currency,
    validFrom: b.validFrom.toISOString(),
    validTo: b.validTo?.toISOString() ?? null,
    active: b.active,
    entries: entries.map(toEntryView),
    version: b.version,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}
