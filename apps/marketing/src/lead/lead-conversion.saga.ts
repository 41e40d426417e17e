import {
  CrmError,
  ErrorCode,
  type ApplyLeadConversionDto,
  type ConvertLeadDto,
  type ConvertLeadReply,
  type LeadConversionApplied,
  type LeadConversionError,
  type LeadSource,
  type OpportunityChannel,
} from '@crm/contracts';
import type { LeadEntity } from './lead.entity.js';

/**
 * The conversion saga's decisions, pure (unit-tested): what a convert call does with the lead as it
 * is, what marketing asks sales for, and what an answer does to the lead.
 *
 * States (on the lead): `conversionStatus` null/failed + status `qualified` → (convert) `converting`
 * → (sales answered the ids, or its `sales.lead.converted.v1` arrived) status `converted` +
 * `conversionStatus: converted`; or (sales refused for good) `failed` with the error, status still
 * `qualified`, so it can be corrected and converted again.
 */
export type ConvertDecision = { kind: 'answer'; reply: ConvertLeadReply } | { kind: 'start' };

/** What a convert call does: answer the current state (a retry), start the saga, or refuse. */
export function decideConvert(lead: LeadEntity, version: number): ConvertDecision {
  // A retry answers what is under way or done, whatever version it carries.
  if (lead.status === 'converted') return { kind: 'answer', reply: convertedReply(lead) };
  if (lead.conversionStatus === 'converting') return { kind: 'answer', reply: { leadId: lead.id, status: 'converting' } };
  if (lead.mergedIntoId) throw conflict(`lead ${lead.id} was merged into ${lead.mergedIntoId}; convert that lead instead`, 'leadId');
  if (lead.status === 'disqualified') throw conflict(`a disqualified lead cannot be converted; re-open and qualify it first`, 'status');
  if (lead.status !== 'qualified')
    throw conflict(`a ${lead.status} lead cannot be converted; qualify it first (marketing.lead.transition.v1 to qualified)`, 'status');
  if (lead.version !== version)
    throw new CrmError(ErrorCode.Conflict, `lead ${lead.id} is at version ${lead.version}, not ${version}`, [
      { field: 'version', reasons: [`current version is ${lead.version}`] },
    ]);
  return { kind: 'start' };
}

export function convertedReply(lead: LeadEntity): ConvertLeadReply {
  return {
    leadId: lead.id,
    status: 'converted',
    ...(lead.accountId ? { accountId: lead.accountId } : {}),
    ...(lead.contactId ? { contactId: lead.contactId } : {}),
    ...(lead.opportunityId ? { opportunityId: lead.opportunityId } : {}),
  };
}

/** The sales channel of an opportunity from the lead's source; `field` when the source says nothing. */
export function channelOf(source: LeadSource): OpportunityChannel {
  switch (source) {
    case 'phone':
    case 'sms':
      return 'phone';
    case 'partner':
      return 'partner';
    case 'form':
    case 'online-ad':
    case 'email':
      return 'online';
    default:
      return 'field';
  }
}

/**
 * What marketing asks sales to apply, every default resolved here: the account's name from the
 * company (else 4220 on `account.name`), its region and industry from the lead; the contact from the
 * lead's name, phone and e-mail.
 */
export function conversionRequest(lead: LeadEntity, dto: ConvertLeadDto, employeeId: string): ApplyLeadConversionDto {
  const a = dto.account ?? {};
  let account: ApplyLeadConversionDto['account'];
  if (a.accountId) {
    const extra = (['name', 'registrationNo', 'industryCode', 'regionCode', 'segment'] as const).filter((f) => a[f] !== undefined);
    if (extra.length)
      throw invalid('account', `account.accountId links an existing account; do not send ${extra.map((f) => `account.${f}`).join(', ')}`);
    account = { accountId: a.accountId };
  } else {
    const name = a.name?.trim() || lead.company?.trim();
    if (!name) throw invalid('account.name', 'account.name is required: the lead has no company to name the account after');
    account = {
      name,
      ...defined('registrationNo', a.registrationNo),
      ...defined('industryCode', a.industryCode ?? lead.industryCode ?? undefined),
      ...defined('regionCode', a.regionCode ?? lead.regionCode ?? undefined),
      ...defined('segment', a.segment),
    };
  }
  const c = dto.contact ?? {};
  const contact: ApplyLeadConversionDto['contact'] = {
    name: c.name?.trim() || lead.name,
    ...defined('role', c.role),
    ...defined('title', c.title),
    ...defined('phone', c.phone ?? lead.phoneNorm ?? undefined),
    ...defined('email', c.email ?? lead.emailNorm ?? undefined),
  };
  const o = dto.opportunity;
  return {
    leadId: lead.id,
    campaignId: lead.campaignId,
    employeeId,
    channel: channelOf(lead.source),
    leadSource: lead.source,
    account,
    contact,
    opportunity: { name: o.name.trim(), amount: o.amount, closeDate: o.closeDate, ...defined('currency', o.currency) },
  };
}

/** What an answer from sales does to the lead. */
export type AnswerDecision = 'complete' | 'fail' | 'ignore';

/**
 * Sales' ids are final (sales records one conversion per lead), so they complete any lead that is
 * not converted yet. A refusal fails only the attempt it answers and only while it is under way: an
 * old attempt's late refusal must not undo a newer one.
 */
export function decideAnswer(lead: LeadEntity, answer: { ok: true } | { ok: false; callId: string }): AnswerDecision {
  if (answer.ok) return lead.status === 'converted' ? 'ignore' : 'complete';
  if (lead.conversionStatus !== 'converting' || lead.conversionCallId !== answer.callId) return 'ignore';
  return 'fail';
}

/** A refusal as it is kept on the lead. */
export function conversionError(error: CrmError): LeadConversionError {
  return { code: error.code, message: error.message, details: (error.details ?? []).map((d) => ({ field: d.field, reasons: d.reasons })) };
}

/** The ids an answer carries (a reply or the event). */
export type ConversionIds = Pick<LeadConversionApplied, 'accountId' | 'contactId' | 'opportunityId' | 'linkedExisting'>;

function defined<K extends string, V>(key: K, value: V | undefined | null): { [P in K]?: V } {
  return value === undefined || value === null ? {} : ({ [key]: value } as { [P in K]?: V });
}

function conflict(message: string, field: string): CrmError {
  return new CrmError(ErrorCode.Conflict, message, [{ field, reasons: [message] }]);
}

function invalid(field: string, reason: string): CrmError {
  return new CrmError(ErrorCode.ValidationFailed, reason, [{ field, reasons: [reason] }]);
}
