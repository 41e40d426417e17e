import { Decimal } from 'decimal.js';
import { Matches } from 'class-validator';

/**
 * Money on the wire (SPEC §6): a decimal string with exactly 2 places (`"1200.00"`) plus `currency`
 * (default `CNY`). Arithmetic is decimal (decimal.js), never floating point; amounts are rounded
 * half-up to the cent only when a figure is shown or stored, never between steps.
 */
export const MONEY_RE = /^-?(0|[1-9][0-9]{0,15})\.[0-9]{2}$/;
export const CURRENCY_RE = /^[A-Z]{3}$/;
export const DEFAULT_CURRENCY = 'CNY';

/** A payload field holding money: `"1200.00"` (2 places, at most 16 integer digits). */
export function IsMoney(): PropertyDecorator {
  return Matches(MONEY_RE, { message: ({ property }) => `${property} must be money with 2 decimal places, e.g. "1200.00"` });
}

/** Exact decimal value of a money string (or of a DECIMAL column as mysql2 returns it). */
export function money(value: string | number | Decimal): Decimal {
  return new Decimal(value);
}

/** The wire form: rounded half-up to the cent, always 2 places (`"-0.00"` becomes `"0.00"`). */
export function formatMoney(value: Decimal): string {
  const s = value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

export function sumMoney(values: Iterable<Decimal>): Decimal {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(v);
  return total;
}

export { Decimal };
