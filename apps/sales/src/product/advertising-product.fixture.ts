import { randomUUID } from 'node:crypto';
import type { CreateProductDto, PriceBookEntry, ProductDefinition } from '@crm/contracts';
import { definitionOf } from './product-definition.js';
import type { CatalogueProduct, PriceOverride, PricingCatalogue } from './pricing-engine.js';

/**
 * The advertising product of issue 9, "Prime-time TV/online ad", for tests and the bench: a CPM
 * price (30.00 per 1000 impressions), option adders for slot, region and format, a duration for
 * video, and tiers by impressions. docs/sales/products.md shows it as JSON and prices it by hand.
 */
export function advertisingProductPayload(sku = `AD-PRIME-${randomUUID().slice(0, 8)}`): CreateProductDto {
  return {
    sku,
    name: 'Prime-time TV/online ad',
    family: 'advertising',
    description: 'TV and online advertising sold by the thousand impressions (CPM)',
    kind: 'configurable',
    unit: 'campaign',
    taxRate: '0.06',
    currency: 'CNY',
    active: true,
    options: [
      {
        key: 'slot',
        label: 'time slot',
        values: [
          { value: 'prime', label: 'prime time 19:00-22:00', adder: { kind: 'percent', percent: '50' } },
          { value: 'day', label: 'daytime' },
          { value: 'night', label: 'late night', adder: { kind: 'percent', percent: '-20' } },
        ],
      },
      {
        key: 'region',
        label: 'region',
        values: [
          { value: 'national', label: 'nationwide', adder: { kind: 'percent', percent: '20' } },
          { value: '440000', label: 'Guangdong province', adder: { kind: 'percent', percent: '5' } },
          { value: '440300', label: 'Shenzhen city' },
          { value: '110100', label: 'Beijing city' },
        ],
      },
      {
        key: 'format',
        label: 'format',
        values: [
          { value: 'banner', label: 'banner' },
          { value: 'video', label: 'video', adder: { kind: 'fixed', amount: '12.00' } },
          { value: 'native', label: 'native article', adder: { kind: 'fixed', amount: '4.50' } },
        ],
      },
    ],
    attributes: [
      { key: 'duration', label: 'duration', min: 5, max: 120, step: 5, unit: 'seconds' },
      { key: 'impressions', label: 'impressions', min: 10_000, max: 10_000_000, step: 1000, unit: 'impressions', required: true },
    ],
    rules: [
      {
        code: 'VIDEO_NEEDS_DURATION',
        kind: 'requires',
        message: 'a video ad needs a duration',
        when: { key: 'format', equals: 'video' },
        then: { key: 'duration', present: true },
      },
      {
        code: 'BANNER_HAS_NO_DURATION',
        kind: 'excludes',
        message: 'a banner has no duration',
        when: { key: 'format', equals: 'banner' },
        then: { key: 'duration', present: true },
      },
      {
        code: 'VIDEO_DURATION_15_60',
        kind: 'constraint',
        message: 'a video ad runs 15 to 60 seconds',
        when: { key: 'format', equals: 'video' },
        then: { key: 'duration', min: 15, max: 60 },
      },
      {
        code: 'PRIME_MIN_IMPRESSIONS',
        kind: 'constraint',
        message: 'prime time is sold from 100000 impressions',
        when: { key: 'slot', equals: 'prime' },
        then: { key: 'impressions', min: 100_000 },
      },
    ],
    pricing: {
      basePrice: '30.00',
      perUnit: { attribute: 'impressions', per: 1000 },
      tiers: {
        basis: 'attribute',
        attribute: 'impressions',
        tiers: [
          { from: 10_000, to: 1_000_000, percentOff: '0' },
          { from: 1_000_000, to: 5_000_000, percentOff: '10' },
          { from: 5_000_000, to: null, percentOff: '15' },
        ],
      },
    },
    bundle: null,
  };
}

/** The partner channel's prices for the ad: base 25.00 per 1000 and video +10.00 (instead of 30.00 and +12.00). */
export function partnerAdEntry(productId: string): PriceBookEntry {
  return {
    productId,
    basePrice: '25.00',
    adders: [{ option: 'format', value: 'video', adder: { kind: 'fixed', amount: '10.00' } }],
  };
}

/** The ad product as the pricing engine sees it. */
export function advertisingProduct(id: string = randomUUID()): CatalogueProduct {
  const p = advertisingProductPayload('AD-PRIME');
  const definition: ProductDefinition = definitionOf(p);
  return { id, sku: p.sku, name: p.name, kind: p.kind, unit: p.unit, taxRate: p.taxRate, currency: 'CNY', active: true, definition };
}

/** A catalogue over fixed products and price book entries (by product id), for tests and benches. */
export function fixedCatalogue(products: CatalogueProduct[], overrides: Record<string, PriceOverride> = {}): PricingCatalogue {
  const byId = new Map(products.map((p) => [p.id, p]));
  return { product: (id) => byId.get(id), override: (id) => overrides[id] ?? null };
}
