import type { LeadEventView, LeadHistoryEntry, LeadView } from '@crm/contracts';
import { maskValue, SensitiveFields } from '@crm/security';
import type { LeadEntity } from './lead.entity.js';
import type { LeadHistoryRow } from './lead.repository.js';

export function toLeadView(l: LeadEntity): LeadView {
  return {
    leadId: l.id,
    name: l.name,
    company: l.company,
    phone: l.phoneNorm,
    email: l.emailNorm,
    industryCode: l.industryCode,
    regionCode: l.regionCode,
    segment: l.segment,
    companySize: l.companySize,
    source: l.source,
    campaignId: l.campaignId,
    attributes: l.attributes ?? {},
    status: l.status,
    statusReason: l.statusReason,
    score: l.score,
    scoreReasons: l.scoreReasons ?? [],
    ownerId: l.ownerId,
    mergedIntoId: l.mergedIntoId,
    accountId: l.accountId,
    contactId: l.contactId ?? null,
    opportunityId: l.opportunityId,
    convertedAt: l.convertedAt?.toISOString() ?? null,
    conversionStatus: l.conversionStatus ?? null,
    conversionError: l.conversionError ?? null,
    touches: l.touches,
    lastTouchAt: l.lastTouchAt?.toISOString() ?? null,
    version: l.version,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}

/** What events carry of a lead: no phone, e-mail or free attributes. */
export function toLeadEventView(l: LeadEntity): LeadEventView {
  const { phone: _p, email: _e, attributes: _a, ...rest } = toLeadView(l);
  return rest;
}

/** The lead view's personal fields (SPEC §6.0): masked without `customer.pii.read`. */
export const LEAD_SENSITIVE = new SensitiveFields<LeadView>(
  {
    phone: { kind: 'phone', permission: 'customer.pii.read' },
    email: { kind: 'email', permission: 'customer.pii.read' },
  },
  (v) => v.leadId,
);

const HISTORY_PII: Record<string, 'phone' | 'email'> = { phone: 'phone', email: 'email' };

/**
 * A history entry as an employee may see it: values of phone and e-mail changes are masked without
 * `customer.pii.read` (the entry itself is not: it says what happened).
 */
export function toHistoryEntry(h: LeadHistoryRow, showPii: boolean): LeadHistoryEntry {
  const details = (typeof h.details === 'string' ? JSON.parse(h.details) : h.details) as Record<string, unknown>;
  if (!showPii && Array.isArray(details.changes)) {
    details.changes = (details.changes as Array<{ field: string; old: unknown; new: unknown }>).map((c) => {
      const kind = HISTORY_PII[c.field];
      if (!kind) return c;
      const mask = (v: unknown) => (typeof v === 'string' ? maskValue(kind, v) : v);
      return { ...c, old: mask(c.old), new: mask(c.new) };
    });
  }
  return {
    entryId: String(h.id),
    leadId: h.lead_id,
    originLeadId: h.origin_lead_id,
    action: h.action,
    actor: h.actor,
    details,
    at: new Date(h.at).toISOString(),
  };
}
