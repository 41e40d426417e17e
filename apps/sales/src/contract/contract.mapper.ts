import { Decimal, formatMoney, money, type ContractLineView, type ContractView } from '@crm/contracts';
import type { ContractEntity, ContractLineEntity } from './contract.entity.js';

/** `"12.000000"` → `"12"`; `"1.500000"` → `"1.5"`. */
export function quantityText(value: string | number | Decimal): string {
  return new Decimal(value).toString();
}

/** At least the cent, at most 6 places: `"1200.000000"` → `"1200.00"`, `"0.125000"` → `"0.125"`. */
export function unitPriceText(value: string | number | Decimal): string {
  const d = new Decimal(value);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}

export function toContractLineView(l: ContractLineEntity): ContractLineView {
  return {
    lineNo: l.lineNo,
    productId: l.productId,
    sku: l.sku,
    name: l.name,
    quantity: quantityText(l.quantity),
    unitPrice: unitPriceText(l.unitPrice),
    amount: formatMoney(money(l.amount)),
  };
}

export function toContractView(c: ContractEntity, lines: ContractLineEntity[]): ContractView {
  return {
    contractId: c.id,
    contractNo: c.contractNo,
    name: c.name,
    accountId: c.accountId,
    quoteId: c.quoteId,
    opportunityId: c.opportunityId,
    status: c.status,
    startDate: c.startDate,
    endDate: c.endDate,
    termMonths: c.termMonths,
    currency: c.currency,
    value: formatMoney(money(c.value)),
    lines: [...lines].sort((a, b) => a.lineNo - b.lineNo).map(toContractLineView),
    ownerId: c.ownerId,
    predecessorId: c.predecessorId,
    successorId: c.successorId,
    activatedAt: c.activatedAt?.toISOString() ?? null,
    activatedBy: c.activatedBy,
    terminatedAt: c.terminatedAt?.toISOString() ?? null,
    terminationReason: c.terminationReason,
    terminationEffectiveDate: c.terminationEffectiveDate,
    renewalNoticeAt: c.renewalNoticeAt?.toISOString() ?? null,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
