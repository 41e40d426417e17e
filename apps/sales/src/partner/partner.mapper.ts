import { formatMoney, money, type DealRegistrationView, type PartnerView } from '@crm/contracts';
import type { DealRegistrationEntity, PartnerEntity } from './partner.entity.js';

export function toPartnerView(p: PartnerEntity): PartnerView {
  return {
    partnerId: p.id,
    name: p.name,
    kind: p.kind,
    regionCodes: [...p.regionCodes],
    tier: p.tier,
    status: p.status,
    callerName: p.callerName,
    ownerId: p.ownerId,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toDealRegistrationView(r: DealRegistrationEntity, partnerName: string): DealRegistrationView {
  return {
    registrationId: r.id,
    partnerId: r.partnerId,
    partnerName,
    partnerRef: r.partnerRef,
    accountName: r.accountName,
    registrationNo: r.registrationNo,
    regionCode: r.regionCode,
    opportunityName: r.opportunityName,
    amount: formatMoney(money(r.amount)),
    currency: r.currency,
    expectedCloseDate: r.expectedCloseDate,
    products: r.products.map((p) => ({ sku: p.sku, quantity: p.quantity ?? null })),
    status: r.status,
    accountId: r.accountId,
    flagged: Boolean(r.flagged),
    collidingOpportunityIds: [...r.collidingOpportunityIds],
    collidingRegistrationIds: [...r.collidingRegistrationIds],
    submittedBy: r.submittedBy,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionReason: r.decisionReason,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * How account names are compared: Unicode NFKC (full-width → half-width, compatibility forms),
 * lower case, without whitespace and punctuation, so `深圳市 某某科技（有限公司）` and
 * `深圳市某某科技(有限公司)` are the same name.
 */
export function normalizeAccountName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}]/gu, '');
}
