import type { EntityManager } from 'typeorm';
import type { Decimal } from '@crm/contracts';

/** One line to configure and price: a product, how many units, and the chosen option values. */
export interface PriceLineRequest {
  productId: string;
  quantity: number;
  /** Option key → chosen value, attribute key → number (e.g. `{slot: "prime", region: "GD", impressions: 500000}`). */
  configuration: Record<string, string | number | boolean>;
}

export interface PriceRequest {
  /** Selects the price book (per channel or segment, valid at `at`); the catalogue's list prices otherwise. */
  channel: string | null;
  segment: string | null;
  at: Date;
  currency: string;
  lines: PriceLineRequest[];
}

/**
 * A priced line before discounts and tax: what quotes build on. `unitPrice` is exact to 6 places
 * (rounded half-up there, the engine's only rounding; it fits `DECIMAL(20,6)`), `listAmount` is
 * exactly unitPrice × quantity (not rounded to cents). Lines come back in request order.
 */
export interface PricedLine {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  configuration: Record<string, string | number | boolean>;
  /** Price of one unit with its option adders and the volume tier applied. */
  unitPrice: Decimal;
  /** unitPrice × quantity. */
  listAmount: Decimal;
  /** VAT rate of the product (e.g. 0.06 for advertising services). */
  taxRate: Decimal;
  /** How the unit price was made, for a reader of the quote: base, each adder, the tier. */
  breakdown: string[];
  /** The price book that gave the price; null for the catalogue's list price. */
  priceBookId: string | null;
  /** For a component a bundle added: the bundle's product id (each component is a line of its own). */
  bundleOf: string | null;
  /**
   * Index in `request.lines` of the line this one prices (a bundle line gives several priced lines
   * with the same index). Always set by the catalogue; optional so that fakes may leave it out.
   */
  sourceLine?: number;
}

/**
 * Checks and prices configured lines against the catalogue. A configuration that breaks a rule is
 * refused with `4220` whose details name the line, the field and the rule. Quotes, contracts and the
 * bench use this one implementation (ProductModule provides it to the whole app).
 */
export abstract class ProductPricing {
  abstract price(m: EntityManager, request: PriceRequest): Promise<PricedLine[]>;
}
