import { describe, expect, it } from '@jest/globals';
import type { ProductDefinition } from '@crm/contracts';
import { advertisingProduct, advertisingProductPayload } from './advertising-product.fixture.js';
import { checkDefinition, checkEntries, definitionOf } from './product-definition.js';

const ad = (): ProductDefinition => structuredClone(advertisingProduct().definition);
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('checkDefinition', () => {
  it('finds nothing wrong with the advertising product', () => {
    expect(checkDefinition('configurable', definitionOf(advertisingProductPayload()))).toEqual([]);
  });

  it('names every problem by path: unknown option in a rule, a value the option does not have, min > max, overlapping tiers', () => {
    const d = ad();
    d.rules[0]!.when = { key: 'colour', equals: 'red' };
    d.rules[1]!.when = { key: 'format', equals: 'hologram' };
    d.attributes[0]!.min = 130; // max is 120
    d.pricing!.tiers!.tiers[1] = { from: 900_000, to: 5_000_000, percentOff: '10' }; // tier 0 is [10000, 1000000)
    const errors = checkDefinition('configurable', d);
    expect(errors).toEqual([
      { field: 'attributes[0].max', reasons: ['must be at least min (130)'] },
      { field: 'rules[0].when.key', reasons: ['unknown option or attribute colour'] },
      { field: 'rules[1].when.equals', reasons: ['hologram is not a value of option format'] },
      {
        field: 'pricing.tiers.tiers[1]',
        reasons: ['overlaps tiers[0] [10000, 1000000): tiers are [from, to) in ascending order without overlap'],
      },
    ]);
  });

  it('refuses a tier after an open-ended one, a tier with both price and percentOff, and to ≤ from', () => {
    const d = ad();
    d.pricing!.tiers!.tiers = [
      { from: 10_000, to: null, percentOff: '0' },
      { from: 20_000, to: 20_000, price: '1.00', percentOff: '5' },
    ];
    expect(fields(checkDefinition('configurable', d))).toEqual(['pricing.tiers.tiers[1].to', 'pricing.tiers.tiers[1]']);
  });

  it('checks shapes of untyped JSON: duplicate keys, bad decimals, unknown fields, per-unit on an optional attribute', () => {
    const d = ad() as unknown as Record<string, any>;
    // taken by an option: the attribute is not registered, so the rules naming duration now name an unknown key
    d.attributes[0].key = 'slot';
    d.options[2].values[1].adder = { kind: 'fixed', amount: 12 }; // a number, not a decimal string
    d.rules[2].colour = 'red';
    d.pricing.perUnit = { attribute: 'duration', per: 0 };
    expect(fields(checkDefinition('configurable', d as ProductDefinition))).toEqual([
      'options[2].values[1].adder.amount',
      'attributes[0].key',
      'rules[0].then.key',
      'rules[1].then.key',
      'rules[2].colour',
      'rules[2].then.key',
      'pricing.perUnit.attribute',
      'pricing.perUnit.per',
    ]);
  });

  it('knows what each kind may have: a simple product no options, a bundle no pricing, only a bundle components', () => {
    expect(fields(checkDefinition('simple', ad()))).toEqual(['options', 'attributes']);
    const bundle = { options: [], attributes: [], rules: [], pricing: { basePrice: '1.00' }, bundle: null };
    expect(fields(checkDefinition('bundle', bundle))).toEqual(['pricing', 'bundle']);
    expect(fields(checkDefinition('configurable', { ...ad(), bundle: { components: [] } }))).toEqual(['bundle']);
    const ok = {
      options: [],
      attributes: [],
      rules: [],
      pricing: null,
      bundle: { components: [{ productId: advertisingProduct().id, quantity: 1, configuration: {} }] },
    };
    expect(checkDefinition('bundle', ok)).toEqual([]);
  });
});

describe('checkEntries', () => {
  it('checks each entry against its product: unknown product, option value, duplicate, empty entry', () => {
    const product = advertisingProduct();
    const products = new Map([[product.id, product]]);
    const errors = checkEntries(
      [
        { productId: product.id, basePrice: '25.00', adders: [{ option: 'format', value: 'gif', adder: { kind: 'fixed', amount: '1' } }] },
        { productId: product.id, tiers: { basis: 'attribute', attribute: 'duration', tiers: [{ from: 5, percentOff: '120' }] } },
        { productId: '6d9a3f8e-2a55-4c1e-9d0a-3b8f2f1f7c11', basePrice: '1' },
        { productId: product.id },
      ],
      products,
    );
    expect(fields(errors)).toEqual([
      'entries[0].adders[0].value',
      'entries[1].productId',
      'entries[1].tiers.tiers[0].percentOff',
      'entries[2].productId',
      'entries[3].productId',
      'entries[3]',
    ]);
    expect(checkEntries([{ productId: product.id, basePrice: '25.00' }], products)).toEqual([]);
  });
});
