import {
  CrmError,
  Decimal,
  ErrorCode,
  type FieldError,
  type PriceAdder,
  type PriceBookAdder,
  type PriceTier,
  type ProductConfiguration,
  type ProductDefinition,
  type ProductKind,
  type ProductUnit,
  type TierTable,
} from '@crm/contracts';
import { checkConfiguration, violationDetails } from './configurator.js';
import type { PricedLine, PriceLineRequest } from './product-pricing.js';

/**
 * The pricing engine: pure code, no database. The price of one unit of a configured product is
 * made in this order (docs/sales/products.md, "Pricing order"):
 *
 *   1. base   B = the volume tier's `price` if the tier has one, else the price book's base price,
 *               else the catalogue's `pricing.basePrice` (price of one pricing unit)
 *   2. adders R = B + Σ fixed adders + Σ B × percent / 100 (the price book's adder of an option value
 *               replaces the catalogue's; percents are of B, they do not compound)
 *   3. per-unit U₀ = R × attribute / per   (only with `pricing.perUnit`), else U₀ = R
 *   4. tier   U = U₀ × (1 − percentOff / 100) for a tier with `percentOff`
 *   5. bundle U × (1 − discountPercent / 100) for a component of a bundle
 *   6. round  the unit price half-up to 6 places; listAmount = unitPrice × quantity (exact)
 *
 * Step 6 is the only rounding: cents are left to whoever shows or stores an amount (quotes round
 * line amounts half-up to 2 places, `formatMoney`). A tier applies to a volume v with from ≤ v < to.
 */

/** A product as the engine needs it (the catalogue row, definition parsed). */
export interface CatalogueProduct {
  id: string;
  sku: string;
  name: string;
  kind: ProductKind;
  unit: ProductUnit;
  taxRate: string;
  currency: string;
  active: boolean;
  definition: ProductDefinition;
}

/** A price book's entry for one product (what it gives replaces the catalogue's). */
export interface PriceOverride {
  priceBookId: string;
  basePrice?: string | null;
  adders?: PriceBookAdder[] | null;
  tiers?: TierTable | null;
}

/** What the engine may look up: products by id (bundle components included) and the book entry that applies to each. */
export interface PricingCatalogue {
  product(id: string): CatalogueProduct | undefined;
  override(productId: string): PriceOverride | null;
}

export interface UnitPrice {
  unitPrice: Decimal;
  breakdown: string[];
}

const HUNDRED = new Decimal(100);
const fmt = (d: Decimal) => d.toFixed(6);
const signed = (d: Decimal) => (d.isNegative() ? `−${fmt(d.abs())}` : `+${fmt(d)}`);

/** The tier whose [from, to) holds `volume`, or null (below the first tier, or in a gap). */
export function tierFor(table: TierTable, volume: number): PriceTier | null {
  return table.tiers.find((t) => volume >= t.from && (t.to === undefined || t.to === null || volume < t.to)) ?? null;
}

function volumeOf(table: TierTable, quantity: number, cfg: ProductConfiguration): number {
  if (table.basis === 'quantity') return quantity;
  const v = cfg[table.attribute ?? ''];
  return typeof v === 'number' ? v : 0;
}

/**
 * The exact unit price of a valid configuration (call `checkConfiguration` first) and how it was
 * made, one breakdown line per step.
 */
export function unitPriceOf(
  product: CatalogueProduct,
  quantity: number,
  cfg: ProductConfiguration,
  override: PriceOverride | null,
): UnitPrice {
  const pricing = product.definition.pricing;
  if (!pricing) throw new Error(`${product.sku} has no pricing (a bundle is priced by its components)`);
  const breakdown: string[] = [];
  const source = override ? `price book ${override.priceBookId}` : 'catalogue';
  const per = pricing.perUnit ? ` per ${pricing.perUnit.per} ${pricing.perUnit.attribute}` : ` per ${product.unit}`;

  const tiers = override?.tiers ?? pricing.tiers ?? null;
  const volume = tiers ? volumeOf(tiers, quantity, cfg) : 0;
  const tier = tiers ? tierFor(tiers, volume) : null;
  const tierName =
    tier && tiers ? `tier [${tier.from}, ${tier.to ?? '∞'}) of ${tiers.basis === 'quantity' ? 'quantity' : tiers.attribute} ${volume}` : '';

  // 1. base
  let base: Decimal;
  if (tier?.price !== undefined) {
    base = new Decimal(tier.price);
    breakdown.push(`base ${fmt(base)}${per} (${tierName}, ${override?.tiers ? source : 'catalogue'})`);
  } else {
    base = new Decimal(override?.basePrice ?? pricing.basePrice);
    breakdown.push(`base ${fmt(base)}${per} (${override?.basePrice ? source : 'catalogue'})`);
  }

  // 2. adders, in the order of the product's options
  let rate = base;
  for (const option of product.definition.options) {
    const chosen = cfg[option.key];
    if (chosen === undefined) continue;
    const fromBook = override?.adders?.find((a) => a.option === option.key && a.value === chosen);
    const adder: PriceAdder | null | undefined = fromBook?.adder ?? option.values.find((v) => v.value === chosen)?.adder;
    if (!adder) continue;
    const amount = adder.kind === 'fixed' ? new Decimal(adder.amount) : base.times(adder.percent).dividedBy(HUNDRED);
    const how = adder.kind === 'fixed' ? '' : ` (${adder.percent}% of base)`;
    rate = rate.plus(amount);
    breakdown.push(`${option.key}=${String(chosen)} ${signed(amount)}${how}${fromBook ? ` (${source})` : ''}`);
  }
  if (!rate.equals(base)) breakdown.push(`rate ${fmt(rate)}${per}`);

  // 3. per-unit
  let unit = rate;
  if (pricing.perUnit) {
    const v = cfg[pricing.perUnit.attribute] as number;
    unit = rate.times(v).dividedBy(pricing.perUnit.per);
    breakdown.push(`× ${pricing.perUnit.attribute} ${v} / ${pricing.perUnit.per} = ${fmt(unit)}`);
  }

  // 4. tier discount
  if (tier?.percentOff !== undefined && !new Decimal(tier.percentOff).isZero()) {
    const off = unit.times(tier.percentOff).dividedBy(HUNDRED);
    unit = unit.minus(off);
    breakdown.push(`${tierName}: −${tier.percentOff}% = −${fmt(off)}${override?.tiers ? ` (${source})` : ''}`);
  }
  return { unitPrice: unit, breakdown };
}

function rounded(u: Decimal): Decimal {
  return u.toDecimalPlaces(6, Decimal.ROUND_HALF_UP);
}

/** Where a request line's problems are reported: `lines[3]` for quotes, `''` (top level) for configure. */
export type LinePath = (index: number) => string;
const join = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

/**
 * Checks and prices request lines; every problem of every line is collected and thrown at once as
 * one 4220. A bundle line becomes one priced line per component (`bundleOf` = the bundle's id).
 */
export function priceLines(
  lines: readonly PriceLineRequest[],
  catalogue: PricingCatalogue,
  currency: string,
  pathOf: LinePath,
): PricedLine[] {
  const problems: FieldError[] = [];
  const out: PricedLine[] = [];
  lines.forEach((line, i) => {
    const path = pathOf(i);
    const product = catalogue.product(line.productId);
    if (!product) return problems.push({ field: join(path, 'productId'), reasons: [`unknown product ${line.productId}`] });
    if (!product.active)
      return problems.push({ field: join(path, 'productId'), reasons: [`${product.sku} is not sold any more (inactive)`] });
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
      return problems.push({ field: join(path, 'quantity'), reasons: ['quantity must be an integer ≥ 1'] });
    if (product.kind === 'bundle') {
      const bundle = product.definition.bundle!;
      if (Object.keys(line.configuration).length)
        problems.push({ field: join(path, 'configuration'), reasons: ['a bundle is not configured: its components are fixed'] });
      bundle.components.forEach((c, j) => {
        const component = catalogue.product(c.productId);
        const cpath = join(path, `bundle.components[${j}]`);
        if (!component || !component.active || component.kind === 'bundle')
          return problems.push({ field: join(cpath, 'productId'), reasons: [`component ${c.productId} of ${product.sku} cannot be sold`] });
        const priced = priceOne(component, c.quantity * line.quantity, c.configuration, catalogue, currency, cpath, problems);
        if (!priced) return;
        const discount = bundle.discountPercent ? new Decimal(bundle.discountPercent) : null;
        let unitPrice = priced.unitPrice;
        if (discount && !discount.isZero()) {
          const off = unitPrice.times(discount).dividedBy(HUNDRED);
          unitPrice = unitPrice.minus(off);
          priced.breakdown.push(`bundle ${product.sku}: −${bundle.discountPercent}% = −${fmt(off)}`);
        }
        out.push(line_(component, c.quantity * line.quantity, c.configuration, unitPrice, priced, product.id, i));
      });
      return;
    }
    const priced = priceOne(product, line.quantity, line.configuration, catalogue, currency, path, problems);
    if (priced) out.push(line_(product, line.quantity, line.configuration, priced.unitPrice, priced, null, i));
  });
  if (problems.length) throw new CrmError(ErrorCode.ValidationFailed, 'configuration is not valid', problems);
  return out;
}

function priceOne(
  product: CatalogueProduct,
  quantity: number,
  cfg: ProductConfiguration,
  catalogue: PricingCatalogue,
  currency: string,
  path: string,
  problems: FieldError[],
): (UnitPrice & { priceBookId: string | null }) | null {
  const violations = checkConfiguration(product.definition, cfg);
  if (violations.length) {
    problems.push(...violationDetails(violations, join(path, 'configuration')));
    return null;
  }
  const override = catalogue.override(product.id);
  if (!override && product.currency !== currency) {
    problems.push({
      field: join(path, 'productId'),
      reasons: [`${product.sku} is listed in ${product.currency} and no price book in ${currency} prices it`],
    });
    return null;
  }
  const priced = unitPriceOf(product, quantity, cfg, override);
  if (priced.unitPrice.isNegative()) {
    problems.push({
      field: join(path, 'configuration'),
      reasons: [`PRICE_NEGATIVE: the adders make the price of ${product.sku} negative`],
    });
    return null;
  }
  return { ...priced, priceBookId: override?.priceBookId ?? null };
}

function line_(
  product: CatalogueProduct,
  quantity: number,
  configuration: ProductConfiguration,
  exact: Decimal,
  priced: { breakdown: string[]; priceBookId: string | null },
  bundleOf: string | null,
  sourceLine: number,
): PricedLine {
  const unitPrice = rounded(exact);
  if (!unitPrice.equals(exact)) priced.breakdown.push(`unit price ${fmt(unitPrice)} (rounded half-up to 6 places)`);
  else priced.breakdown.push(`unit price ${fmt(unitPrice)}`);
  return {
    productId: product.id,
    sku: product.sku,
    name: product.name,
    quantity,
    configuration,
    unitPrice,
    listAmount: unitPrice.times(quantity),
    taxRate: new Decimal(product.taxRate),
    breakdown: priced.breakdown,
    priceBookId: priced.priceBookId,
    bundleOf,
    sourceLine,
  };
}
