import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { advertisingProductPayload, partnerAdEntry } from './advertising-product.fixture.js';
import { CataloguePricing } from './catalogue-pricing.js';
import type { PriceBookEntryEntity } from './price-book.entity.js';
import type { ApplicableEntry, PriceBookRepository } from './price-book.repository.js';
import type { ProductEntity } from './product.entity.js';
import type { ProductRepository } from './product.repository.js';

const AD = '9a1b2c3d-0000-4000-8000-000000000001';
const p = advertisingProductPayload('AD-PRIME');
const adRow = {
  id: AD,
  sku: p.sku,
  name: p.name,
  family: p.family,
  description: null,
  kind: p.kind,
  unit: p.unit,
  taxRate: '0.0600',
  currency: 'CNY',
  active: true,
  options: p.options!,
  attributes: p.attributes!,
  rules: p.rules!,
  pricing: p.pricing!,
  bundle: null,
} as unknown as ProductEntity;

const entry = (priceBookId: string, basePrice: string): PriceBookEntryEntity => ({
  priceBookId,
  productId: AD,
  basePrice,
  adders: null,
  tiers: null,
});

/** Books as the applicable query answers them: the request's channel/segment or unset. */
function setup(applicable: ApplicableEntry[]) {
  const calls = { products: [] as string[][], books: 0 };
  const products = {
    findByIds: async (_m: EntityManager, ids: readonly string[]) => {
      calls.products.push([...ids]);
      return ids.includes(AD) ? [adRow] : [];
    },
  } as unknown as ProductRepository;
  const books = {
    applicable: async () => {
      calls.books += 1;
      return applicable;
    },
  } as unknown as PriceBookRepository;
  return { pricing: new CataloguePricing(products, books), calls };
}

const line = { productId: AD, quantity: 1, configuration: { slot: 'day', region: '440300', format: 'banner', impressions: 100_000 } };
const request = { channel: 'partner', segment: 'business', at: new Date('2026-12-01T00:00:00Z'), currency: 'CNY' };

describe('CataloguePricing', () => {
  it('loads products and book entries once for 50 lines (one query each), not per line', async () => {
    const { pricing, calls } = setup([]);
    const lines = await pricing.price({} as EntityManager, { ...request, lines: Array.from({ length: 50 }, () => line) });
    expect(lines).toHaveLength(50);
    // 50 lines of one product: one product query with all ids, an empty one for bundle components, one book query
    expect(calls.products).toEqual([Array.from({ length: 50 }, () => AD), []]);
    expect(calls.books).toBe(1);
    // B 30, no adders: 30 × 100000 / 1000 = 3000.00, tier [10000, 1000000) 0 %
    expect(lines[49]!.unitPrice.toFixed(2)).toBe('3000.00');
  });

  it('picks the most specific book: channel + segment over channel over segment', async () => {
    const segment = { entry: entry('book-segment', '20.00'), channel: null, segment: 'business' };
    const channel = { entry: entry('book-channel', '25.00'), channel: 'partner', segment: null };
    const both = { entry: entry('book-both', '22.00'), channel: 'partner', segment: 'business' };
    const priced = async (entries: ApplicableEntry[]) =>
      (await setup(entries).pricing.price({} as EntityManager, { ...request, lines: [line] }))[0]!;
    // 22.00 × 100 = 2200.00
    expect(await priced([segment, both, channel])).toMatchObject({ priceBookId: 'book-both' });
    expect((await priced([segment, both, channel])).unitPrice.toFixed(2)).toBe('2200.00');
    // 25.00 × 100 = 2500.00
    expect((await priced([segment, channel])).unitPrice.toFixed(2)).toBe('2500.00');
    expect((await priced([segment])).priceBookId).toBe('book-segment');
    // no book: the catalogue's 30.00 × 100
    expect(await priced([])).toMatchObject({ priceBookId: null });
  });

  it('the partner entry of the fixture prices prime national video at 94500.00', async () => {
    const partner = { entry: { ...entry('book-partner', '25.00'), adders: partnerAdEntry(AD).adders! }, channel: 'partner', segment: null };
    const [priced] = await setup([partner]).pricing.price({} as EntityManager, {
      ...request,
      lines: [
        {
          productId: AD,
          quantity: 1,
          configuration: { slot: 'prime', region: 'national', format: 'video', duration: 30, impressions: 2_000_000 },
        },
      ],
    });
    // (25 + 12.50 + 5.00 + 10.00) × 2000 = 105000 − 10 % = 94500
    expect(priced!.unitPrice.toFixed(6)).toBe('94500.000000');
  });
});
