/**
 * The product catalogue of the sales app (SPEC §6.2, `sales.product.*`, `sales.price-book.*`).
 * A product's definition (options, attributes, rules, pricing, bundle) travels as plain JSON and is
 * checked as a whole by the server at create and update: a bad part is 4220 naming its path
 * (`options[1].values[0].adder.amount`, `rules[2].then.key`, `pricing.tiers.tiers[1]`).
 * Decimal figures (prices, percents, tax rates) are decimal strings, never JSON numbers;
 * attribute values and tier bounds are numbers. docs/sales/products.md walks through it.
 */
export const PRODUCT_KINDS = ['simple', 'configurable', 'bundle'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

/** What one unit of the product is; `quantity` counts these. */
export const PRODUCT_UNITS = ['item', 'impression', 'second', 'hour', 'day', 'week', 'month', 'year', 'campaign'] as const;
export type ProductUnit = (typeof PRODUCT_UNITS)[number];

/** The sales channels of SPEC §6.2 (an opportunity's `channel`) a price book may target. */
export const PRICE_BOOK_CHANNELS = ['field', 'phone', 'partner', 'online'] as const;
export type PriceBookChannel = (typeof PRICE_BOOK_CHANNELS)[number];

/** Keys of options and attributes, rule codes: what a configuration and an error name. */
export const PRODUCT_KEY_RE = /^[a-z][a-zA-Z0-9_-]{0,31}$/;
export const RULE_CODE_RE = /^[A-Z][A-Z0-9_-]{0,47}$/;
export const SKU_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Segments a price book may target (the account's segment). */
export const PRICE_BOOK_SEGMENT_RE = /^[a-z][a-z0-9-]{0,31}$/;

/** A configuration: option key → chosen value, attribute key → number. */
export type ProductConfiguration = Record<string, string | number | boolean>;

/**
 * What choosing an option value adds to the base price of one pricing unit: a fixed amount
 * (`"12.00"`) or a percent of the base (`"50"` = +50 %; negative for a cheaper value).
 */
export type PriceAdder = { kind: 'fixed'; amount: string } | { kind: 'percent'; percent: string };

export interface OptionValueDef {
  value: string;
  label: string;
  adder?: PriceAdder | null;
}

export interface OptionDef {
  key: string;
  label: string;
  /** Default true: a configuration must choose a value. */
  required?: boolean;
  values: OptionValueDef[];
}

export interface AttributeDef {
  key: string;
  label: string;
  min: number;
  max: number;
  /** Values are min, min + step, min + 2·step … (absent: any number in range). */
  step?: number | null;
  /** What the number counts (`seconds`, `impressions`, `days`), for people. */
  unit?: string | null;
  /** Default false. */
  required?: boolean;
}

/**
 * A test on one key of a configuration. Every test given must hold: `equals`/`in` compare the
 * value, `present` whether the key is set, `min`/`max` bound a number (inclusive). A key that is not
 * set fails every test but `present: false`.
 */
export interface RuleCondition {
  key: string;
  equals?: string | number;
  in?: Array<string | number>;
  present?: boolean;
  min?: number;
  max?: number;
}

/**
 * `requires` and `constraint`: when `when` holds, `then` must hold (`constraint` is the name for a
 * range, e.g. video → duration 15–60). `excludes`: when `when` holds, `then` must not.
 */
export const RULE_KINDS = ['requires', 'excludes', 'constraint'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface RuleDef {
  code: string;
  kind: RuleKind;
  message: string;
  when: RuleCondition;
  then: RuleCondition;
}

/**
 * One volume tier: it applies to a volume `v` with `from ≤ v < to` (`to` absent or null: no upper
 * bound). `price` replaces the base price in the tier; `percentOff` takes a percent off the unit
 * price after adders and per-unit scaling. One of the two.
 */
export interface PriceTier {
  from: number;
  to?: number | null;
  price?: string;
  percentOff?: string;
}

/** Tiers by the line's quantity, or by a numeric attribute of the configuration. */
export interface TierTable {
  basis: 'quantity' | 'attribute';
  attribute?: string | null;
  tiers: PriceTier[];
}

export interface PricingDef {
  /** Price of one pricing unit: one product unit, or `per` of the per-unit attribute. */
  basePrice: string;
  /** The unit price scales with an attribute: e.g. per 1000 impressions → × impressions / 1000. */
  perUnit?: { attribute: string; per: number } | null;
  tiers?: TierTable | null;
}

export interface BundleComponentDef {
  productId: string;
  quantity: number;
  configuration: ProductConfiguration;
}

export interface BundleDef {
  components: BundleComponentDef[];
  /** Percent off every component's unit price (e.g. `"10"`). */
  discountPercent?: string | null;
}

/** The parts of a product that define what may be configured and how it is priced. */
export interface ProductDefinition {
  options: OptionDef[];
  attributes: AttributeDef[];
  rules: RuleDef[];
  /** Null only for a bundle (its components carry their own pricing). */
  pricing: PricingDef | null;
  bundle: BundleDef | null;
}

export interface ProductView extends ProductDefinition {
  productId: string;
  sku: string;
  name: string;
  family: string;
  description: string | null;
  kind: ProductKind;
  unit: ProductUnit;
  /** VAT rate, e.g. `"0.06"`. */
  taxRate: string;
  /** The currency of the catalogue (list) prices. */
  currency: string;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ProductPage {
  items: ProductView[];
  nextCursor: string | null;
}

/** An adder a price book sets for one option value instead of the catalogue's. */
export interface PriceBookAdder {
  option: string;
  value: string;
  adder: PriceAdder;
}

/** A price book's prices for one product: what it gives replaces the catalogue's, the rest stays. */
export interface PriceBookEntry {
  productId: string;
  basePrice?: string | null;
  adders?: PriceBookAdder[] | null;
  tiers?: TierTable | null;
}

export interface PriceBookView {
  priceBookId: string;
  name: string;
  channel: PriceBookChannel | null;
  segment: string | null;
  currency: string;
  /** Valid from `validFrom` (inclusive) to `validTo` (exclusive; null: open-ended). */
  validFrom: string;
  validTo: string | null;
  active: boolean;
  entries: PriceBookEntry[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PriceBookPage {
  items: PriceBookView[];
  nextCursor: string | null;
}

/** One priced line of `sales.product.configure.v1` (a bundle answers one per component). */
export interface ConfiguredLineView {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  configuration: ProductConfiguration;
  /** The unit price rounded to the cent, and exact to 6 places. */
  unitPrice: string;
  unitPriceExact: string;
  /** unitPriceExact × quantity, rounded half-up to the cent. */
  listAmount: string;
  taxRate: string;
  breakdown: string[];
  priceBookId: string | null;
  bundleOf: string | null;
}

export interface ConfigurationView {
  productId: string;
  quantity: number;
  configuration: ProductConfiguration;
  currency: string;
  channel: PriceBookChannel | null;
  segment: string | null;
  at: string;
  lines: ConfiguredLineView[];
  /** The sum of the lines' exact amounts, rounded half-up to the cent. */
  listTotal: string;
}
