import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { IsMoney } from '../../money.js';

/**
 * Contracts of the sales app (SPEC §6.2). Writes need `contract.write`, reads `contract.read`; each
 * sees only contracts in the employee's data scope (by `ownerId`). One file per message beside this one.
 *
 * States: `draft` → `active` → `renewed` (a successor contract exists) / `terminated` / `expired`;
 * a draft may also be terminated (cancelled before it started).
 */
export const CONTRACT_STATUSES = ['draft', 'active', 'renewed', 'terminated', 'expired'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** A calendar date without a time: `2026-12-31`. */
export const CONTRACT_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` naming a real day (no 2026-02-30). */
export function isContractDate(value: unknown): value is string {
  if (typeof value !== 'string' || !CONTRACT_DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function IsContractDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isContractDate',
      validator: {
        validate: (value: unknown) => isContractDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a calendar date, e.g. 2026-12-31`,
      },
    },
    options,
  );
}

/** Quantities: a positive decimal with at most 6 places, as a string (`"3"`, `"1.5"`) or a number. */
export const QUANTITY_RE = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,6})?$/;
/** Unit prices: non-negative, at most 6 places (quote lines keep DECIMAL(20,6) prices). */
export const UNIT_PRICE_RE = /^(0|[1-9][0-9]{0,13})(\.[0-9]{1,6})?$/;

function decimalText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' ? value : null;
}

export function IsQuantity(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isQuantity',
      validator: {
        validate: (value: unknown) => {
          const s = decimalText(value);
          return s !== null && QUANTITY_RE.test(s) && !/^0(\.0+)?$/.test(s);
        },
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a positive decimal with at most 6 places, e.g. "12" or "1.5"`,
      },
    },
    options,
  );
}

export function IsUnitPrice(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUnitPrice',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && UNIT_PRICE_RE.test(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a decimal string with at most 6 places, e.g. "1200.00"`,
      },
    },
    options,
  );
}

/** One line of a contract as a payload gives it (by hand or on renewal). */
export class ContractLineDto {
  @IsOptional()
  @IsUUID('4')
  productId?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsQuantity()
  quantity: string | number;

  @IsUnitPrice()
  unitPrice: string;

  /** The line's amount as agreed (after any discount); the contract's value is the sum of these. */
  @IsMoney()
  amount: string;
}

export interface ContractLineView {
  lineNo: number;
  productId: string | null;
  sku: string;
  name: string;
  /** Decimal text, trailing zeros removed (`"12"`, `"1.5"`). */
  quantity: string;
  /** Decimal text with up to 6 places, trailing zeros after the cent removed (`"1200.00"`, `"0.125"`). */
  unitPrice: string;
  amount: string;
}

export interface ContractView {
  contractId: string;
  contractNo: string;
  name: string;
  accountId: string;
  /** The accepted quote it was made from, and that quote's opportunity; null for a contract made by hand. */
  quoteId: string | null;
  opportunityId: string | null;
  status: ContractStatus;
  /** Null on a draft that names no start yet: activation sets it. */
  startDate: string | null;
  /** Last day of the term (inclusive). Null on a draft whose term is given in months and that has no start yet. */
  endDate: string | null;
  termMonths: number | null;
  currency: string;
  /** Sum of the lines' amounts, exact. Not masked (see docs/sales/contracts-and-partners.md). */
  value: string;
  lines: ContractLineView[];
  /** The employee who owns it: the quote's opportunity owner, or the creator of a contract made by hand. */
  ownerId: string;
  predecessorId: string | null;
  successorId: string | null;
  activatedAt: string | null;
  activatedBy: string | null;
  terminatedAt: string | null;
  terminationReason: string | null;
  terminationEffectiveDate: string | null;
  /** When `sales.contract.renewal-due.v1` went out for this term (null: not yet). */
  renewalNoticeAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ContractPage {
  items: ContractView[];
  nextCursor: string | null;
}
