import { describe, expect, it } from '@jest/globals';
import { CrmError, ErrorCode, formatMoney, type ProductConfiguration } from '@crm/contracts';
import { advertisingProduct, fixedCatalogue, partnerAdEntry } from './advertising-product.fixture.js';
import { priceLines, unitPriceOf, type CatalogueProduct, type PriceOverride } from './pricing-engine.js';

const AD_ID = '0c8e7a6f-1b2c-4d3e-8f40-000000000001';
const SMS_ID = '0c8e7a6f-1b2c-4d3e-8f40-000000000002';
const METERED_ID = '0c8e7a6f-1b2c-4d3e-8f40-000000000003';
const PACK_ID = '0c8e7a6f-1b2c-4d3e-8f40-000000000004';
const BOOK_ID = '0c8e7a6f-1b2c-4d3e-8f40-0000000000b1';

const ad = advertisingProduct(AD_ID);
const partner: PriceOverride = { priceBookId: BOOK_ID, ...partnerAdEntry(AD_ID) };

/** SMS by the item with quantity tiers that set the price: [1, 10000) 0.05, [10000, 100000) 0.045, [100000, ∞) 0.04. */
const sms: CatalogueProduct = {
  id: SMS_ID,
  sku: 'SMS-PACK',
  name: 'Bulk SMS',
  kind: 'simple',
  unit: 'item',
  taxRate: '0.06',
  currency: 'CNY',
  active: true,
  definition: {
    options: [],
    attributes: [],
    rules: [],
    pricing: {
      basePrice: '0.05',
      tiers: {
        basis: 'quantity',
        tiers: [
          { from: 1, to: 10_000, price: '0.05' },
          { from: 10_000, to: 100_000, price: '0.045' },
          { from: 100_000, price: '0.04' },
        ],
      },
    },
    bundle: null,
  },
};

/** Figures that do not divide evenly: 9.99 per 7 units, gold +7.5 %. */
const metered: CatalogueProduct = {
  id: METERED_ID,
  sku: 'METERED',
  name: 'Metered service',
  kind: 'configurable',
  unit: 'month',
  taxRate: '0.13',
  currency: 'CNY',
  active: true,
  definition: {
    options: [{ key: 'level', label: 'level', values: [{ value: 'gold', label: 'gold', adder: { kind: 'percent', percent: '7.5' } }] }],
    attributes: [{ key: 'units', label: 'units', min: 1, max: 100, required: true }],
    rules: [],
    pricing: { basePrice: '9.99', perUnit: { attribute: 'units', per: 7 } },
    bundle: null,
  },
};

/** A launch pack: one banner ad (500000 impressions, day, Beijing) and 20000 SMS, 10 % off both. */
const pack: CatalogueProduct = {
  id: PACK_ID,
  sku: 'LAUNCH-PACK',
  name: 'Launch pack',
  kind: 'bundle',
  unit: 'item',
  taxRate: '0.06',
  currency: 'CNY',
  active: true,
  definition: {
    options: [],
    attributes: [],
    rules: [],
    pricing: null,
    bundle: {
      discountPercent: '10',
      components: [
        { productId: AD_ID, quantity: 1, configuration: { slot: 'day', region: '110100', format: 'banner', impressions: 500_000 } },
        { productId: SMS_ID, quantity: 20_000, configuration: {} },
      ],
    },
  },
};

const catalogue = fixedCatalogue([ad, sms, metered, pack]);
const partnerCatalogue = fixedCatalogue([ad, sms, metered, pack], { [AD_ID]: partner });

const primeVideo: ProductConfiguration = { slot: 'prime', region: 'national', format: 'video', duration: 30, impressions: 2_000_000 };

function price(productId: string, quantity: number, configuration: ProductConfiguration, c = catalogue, currency = 'CNY') {
  return priceLines([{ productId, quantity, configuration }], c, currency, (i) => `lines[${i}]`);
}

function refusal(run: () => unknown): CrmError {
  try {
    run();
  } catch (e) {
    if (e instanceof CrmError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('pricing the advertising product (catalogue)', () => {
  it('prime national video, 2000000 impressions: base → adders → per-unit → tier', () => {
    // base B = 30.00 per 1000 impressions
    // adders: prime +50 % of B = +15.00; national +20 % of B = +6.00; video fixed +12.00 → R = 63.00
    // per-unit: 63.00 × 2000000 / 1000 = 126000.00
    // tier [1000000, 5000000) −10 %: −12600.00 → unit price 113400.000000; × 1 = 113400.00
    const [line] = price(AD_ID, 1, primeVideo);
    expect(line!.unitPrice.toFixed(6)).toBe('113400.000000');
    expect(formatMoney(line!.listAmount)).toBe('113400.00');
    expect(line!.taxRate.toString()).toBe('0.06');
    expect(line!.priceBookId).toBeNull();
    expect(line!.bundleOf).toBeNull();
    expect(line!.sourceLine).toBe(0);
    expect(line!.breakdown).toEqual([
      'base 30.000000 per 1000 impressions (catalogue)',
      'slot=prime +15.000000 (50% of base)',
      'region=national +6.000000 (20% of base)',
      'format=video +12.000000',
      'rate 63.000000 per 1000 impressions',
      '× impressions 2000000 / 1000 = 126000.000000',
      'tier [1000000, 5000000) of impressions 2000000: −10% = −12600.000000',
      'unit price 113400.000000',
    ]);
  });

  it('day, Guangdong, native, 1234000 impressions, quantity 3', () => {
    // B = 30.00; 440000 +5 % = +1.50; native +4.50 → R = 36.00
    // 36.00 × 1234000 / 1000 = 44424.00; tier −10 % = −4442.40 → 39981.600000
    // list = 39981.60 × 3 = 119944.80
    const [line] = price(AD_ID, 3, { slot: 'day', region: '440000', format: 'native', impressions: 1_234_000 });
    expect(line!.unitPrice.toFixed(6)).toBe('39981.600000');
    expect(line!.listAmount.toFixed(6)).toBe('119944.800000');
  });

  it('tier boundaries: from is inclusive, to exclusive (night −20 %, Shenzhen, banner)', () => {
    // B = 30.00; night −20 % = −6.00 → R = 24.00 per 1000
    const at = (impressions: number) => price(AD_ID, 1, { slot: 'night', region: '440300', format: 'banner', impressions })[0]!;
    // 999000: tier [10000, 1000000) 0 % → 24.00 × 999 = 23976.00
    expect(at(999_000).unitPrice.toFixed(2)).toBe('23976.00');
    // 1000000: tier [1000000, 5000000) −10 % → 24000.00 − 2400.00 = 21600.00
    expect(at(1_000_000).unitPrice.toFixed(2)).toBe('21600.00');
    // 4999000: still −10 % → 24 × 4999 = 119976.00 − 11997.60 = 107978.40
    expect(at(4_999_000).unitPrice.toFixed(2)).toBe('107978.40');
    // 5000000: tier [5000000, ∞) −15 % → 120000.00 − 18000.00 = 102000.00
    expect(at(5_000_000).unitPrice.toFixed(2)).toBe('102000.00');
    expect(at(999_000).breakdown).not.toContainEqual(expect.stringContaining('tier'));
  });
});

describe('price book override for the partner channel', () => {
  it('replaces the base and the video adder, keeps the catalogue percent adders and tiers', () => {
    // B = 25.00 (book); prime +50 % of 25 = +12.50; national +20 % = +5.00; video +10.00 (book) → R = 52.50
    // 52.50 × 2000 = 105000.00; tier −10 % = −10500.00 → 94500.000000
    const [line] = price(AD_ID, 1, primeVideo, partnerCatalogue);
    expect(line!.unitPrice.toFixed(6)).toBe('94500.000000');
    expect(line!.priceBookId).toBe(BOOK_ID);
    expect(line!.breakdown[0]).toBe(`base 25.000000 per 1000 impressions (price book ${BOOK_ID})`);
    expect(line!.breakdown).toContain(`format=video +10.000000 (price book ${BOOK_ID})`);
  });

  it('a book in another currency prices what it lists; a catalogue price in CNY is refused for USD', () => {
    const usd = fixedCatalogue([ad, sms], { [AD_ID]: { ...partner, basePrice: '4.00', adders: null } });
    // B = 4.00; prime +2.00; national +0.80; video +12.00 (catalogue adder) → 18.80 × 2000 = 37600 − 10 % = 33840
    expect(price(AD_ID, 1, primeVideo, usd, 'USD')[0]!.unitPrice.toFixed(2)).toBe('33840.00');
    const e = refusal(() => price(SMS_ID, 10, {}, usd, 'USD'));
    expect(e.details).toEqual([{ field: 'lines[0].productId', reasons: ['SMS-PACK is listed in CNY and no price book in USD prices it'] }]);
  });
});

describe('tiers that set the price, rounding, bundles', () => {
  it('quantity tiers with a price: 9999 at 0.05, 10000 at 0.045, 100000 at 0.04', () => {
    expect(formatMoney(price(SMS_ID, 9_999, {})[0]!.listAmount)).toBe('499.95'); // 0.05 × 9999
    expect(formatMoney(price(SMS_ID, 10_000, {})[0]!.listAmount)).toBe('450.00'); // 0.045 × 10000
    expect(formatMoney(price(SMS_ID, 100_000, {})[0]!.listAmount)).toBe('4000.00'); // 0.04 × 100000
    expect(price(SMS_ID, 10_000, {})[0]!.breakdown[0]).toBe('base 0.045000 per item (tier [10000, 100000) of quantity 10000, catalogue)');
  });

  it('keeps the unit price exact to 6 places, rounded half-up once', () => {
    // B = 9.99; gold +7.5 % = 0.74925 → R = 10.73925 per 7 units
    // 10.73925 × 10 / 7 = 107.3925 / 7 = 15.3417857142857… → 15.341786 (7th place 7: up)
    // list = 15.341786 × 3 = 46.025358 → shown 46.03
    const [line] = price(METERED_ID, 3, { level: 'gold', units: 10 });
    expect(line!.unitPrice.toFixed(6)).toBe('15.341786');
    expect(line!.listAmount.toString()).toBe('46.025358');
    expect(formatMoney(line!.listAmount)).toBe('46.03');
    expect(line!.breakdown.at(-1)).toBe('unit price 15.341786 (rounded half-up to 6 places)');
    const exact = unitPriceOf(metered, 3, { level: 'gold', units: 10 }, null).unitPrice;
    expect(exact.toSignificantDigits(12).toString()).toBe('15.3417857143');
  });

  it('a bundle gives one line per component with bundleOf, quantities multiplied, 10 % off each', () => {
    // quantity 2 of the pack:
    // ad ×2: B 30, no adders → 30 × 500000 / 1000 = 15000.00; tier [10000, 1000000) 0 %; −10 % bundle = 13500.00
    //        list 13500 × 2 = 27000.00
    // SMS ×(20000 × 2 = 40000): tier [10000, 100000) price 0.045; −10 % = 0.0405; list 0.0405 × 40000 = 1620.00
    const lines = price(PACK_ID, 2, {});
    expect(lines.map((l) => [l.sku, l.quantity, l.unitPrice.toFixed(6), formatMoney(l.listAmount), l.bundleOf, l.sourceLine])).toEqual([
      ['AD-PRIME', 2, '13500.000000', '27000.00', PACK_ID, 0],
      ['SMS-PACK', 40_000, '0.040500', '1620.00', PACK_ID, 0],
    ]);
    expect(lines[0]!.breakdown).toContain('bundle LAUNCH-PACK: −10% = −1500.000000');
  });
});

describe('refusals name every broken rule of every line', () => {
  it('collects the violations of all lines, each under lines[i].configuration.<key>', () => {
    const e = refusal(() =>
      priceLines(
        [
          { productId: AD_ID, quantity: 1, configuration: { slot: 'prime', region: 'national', format: 'video', impressions: 50_000 } },
          { productId: AD_ID, quantity: 1, configuration: primeVideo },
          {
            productId: AD_ID,
            quantity: 1,
            configuration: { slot: 'day', region: 'national', format: 'banner', duration: 15, impressions: 10_000 },
          },
          { productId: '0c8e7a6f-1b2c-4d3e-8f40-0000000000ff', quantity: 1, configuration: {} },
        ],
        catalogue,
        'CNY',
        (i) => `lines[${i}]`,
      ),
    );
    expect(e.code).toBe(ErrorCode.ValidationFailed);
    expect(e.details).toEqual([
      {
        field: 'lines[0].configuration.duration',
        reasons: ['VIDEO_NEEDS_DURATION: a video ad needs a duration', 'VIDEO_DURATION_15_60: a video ad runs 15 to 60 seconds'],
      },
      { field: 'lines[0].configuration.impressions', reasons: ['PRIME_MIN_IMPRESSIONS: prime time is sold from 100000 impressions'] },
      { field: 'lines[2].configuration.duration', reasons: ['BANNER_HAS_NO_DURATION: a banner has no duration'] },
      { field: 'lines[3].productId', reasons: ['unknown product 0c8e7a6f-1b2c-4d3e-8f40-0000000000ff'] },
    ]);
  });

  it('refuses an inactive product and a configured bundle', () => {
    const inactive = fixedCatalogue([{ ...sms, active: false }, pack, ad]);
    expect(refusal(() => price(SMS_ID, 1, {}, inactive)).details).toEqual([
      { field: 'lines[0].productId', reasons: ['SMS-PACK is not sold any more (inactive)'] },
    ]);
    expect(refusal(() => price(PACK_ID, 1, { slot: 'day' })).details![0]!.field).toBe('lines[0].configuration');
  });
});
