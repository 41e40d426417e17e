import { describe, expect, it } from '@jest/globals';
import { CrmError, ErrorCode } from '@crm/contracts';
import type { LeadEntity } from './lead.entity.js';
import { channelOf, conversionError, conversionRequest, decideAnswer, decideConvert } from './lead-conversion.saga.js';

const LEAD_ID = '0b8f4f0e-0000-4000-8000-00000000000a';
const CAMPAIGN = '3f1c2a9e-0000-4000-8000-000000000001';

function lead(over: Partial<LeadEntity> = {}): LeadEntity {
  const at = new Date('2026-11-01T00:00:00Z');
  return {
    id: LEAD_ID,
    name: 'Li Lei',
    company: 'Shenzhen Net Co., Ltd.',
    phoneNorm: '13800138000',
    emailNorm: 'li.lei@example.com',
    industryCode: 'I6510',
    regionCode: '440305',
    segment: null,
    companySize: null,
    source: 'form',
    campaignId: CAMPAIGN,
    attributes: null,
    status: 'qualified',
    statusReason: null,
    score: 25,
    scoreReasons: [],
    ownerId: 'E100001',
    mergedIntoId: null,
    convertedAt: null,
    accountId: null,
    contactId: null,
    opportunityId: null,
    conversionStatus: null,
    conversionError: null,
    conversionCallId: null,
    touches: 1,
    lastTouchAt: at,
    version: 3,
    createdBy: 'E100009',
    updatedBy: 'E100009',
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

const opportunity = { name: 'Data platform', amount: '120000.00', closeDate: '2026-12-31' };

function refused(fn: () => unknown): CrmError {
  try {
    fn();
  } catch (e) {
    return e as CrmError;
  }
  throw new Error('not refused');
}

describe('decideConvert (saga entry)', () => {
  it('starts only a qualified lead at its current version', () => {
    expect(decideConvert(lead(), 3)).toEqual({ kind: 'start' });
    expect(refused(() => decideConvert(lead(), 2)).code).toBe(ErrorCode.Conflict);
  });

  it('a retry answers the current state whatever version it carries: converting, or converted with the ids', () => {
    expect(decideConvert(lead({ conversionStatus: 'converting', version: 4 }), 3)).toEqual({
      kind: 'answer',
      reply: { leadId: LEAD_ID, status: 'converting' },
    });
    const done = lead({
      status: 'converted',
      conversionStatus: 'converted',
      accountId: 'a',
      contactId: 'c',
      opportunityId: 'o',
      version: 5,
    });
    expect(decideConvert(done, 3)).toEqual({
      kind: 'answer',
      reply: { leadId: LEAD_ID, status: 'converted', accountId: 'a', contactId: 'c', opportunityId: 'o' },
    });
  });

  it('refuses disqualified, merged and not yet qualified leads with 4090; a failed attempt may be started again', () => {
    for (const status of ['new', 'working', 'nurturing', 'disqualified'] as const)
      expect(refused(() => decideConvert(lead({ status }), 3)).code).toBe(ErrorCode.Conflict);
    expect(refused(() => decideConvert(lead({ mergedIntoId: 'x' }), 3)).code).toBe(ErrorCode.Conflict);
    expect(decideConvert(lead({ conversionStatus: 'failed' }), 3)).toEqual({ kind: 'start' });
  });
});

describe('conversionRequest', () => {
  it('resolves the defaults from the lead: account name = company, region and industry; contact from the lead; channel from the source', () => {
    expect(conversionRequest(lead(), { leadId: LEAD_ID, version: 3, opportunity }, 'E100005')).toEqual({
      leadId: LEAD_ID,
      campaignId: CAMPAIGN,
      employeeId: 'E100005',
      channel: 'online',
      leadSource: 'form',
      account: { name: 'Shenzhen Net Co., Ltd.', industryCode: 'I6510', regionCode: '440305' },
      contact: { name: 'Li Lei', phone: '13800138000', email: 'li.lei@example.com' },
      opportunity,
    });
  });

  it('links by accountId alone; mixing it with new-account fields or lacking any name is 4220', () => {
    const linked = conversionRequest(lead(), { leadId: LEAD_ID, version: 3, opportunity, account: { accountId: 'acc' } }, 'E1');
    expect(linked.account).toEqual({ accountId: 'acc' });
    const mixed = refused(() =>
      conversionRequest(lead(), { leadId: LEAD_ID, version: 3, opportunity, account: { accountId: 'acc', name: 'X' } }, 'E1'),
    );
    expect(mixed.code).toBe(ErrorCode.ValidationFailed);
    const nameless = refused(() => conversionRequest(lead({ company: null }), { leadId: LEAD_ID, version: 3, opportunity }, 'E1'));
    expect(nameless.details).toEqual([{ field: 'account.name', reasons: [expect.stringContaining('required')] }]);
  });

  it('maps sources to sales channels, field by default', () => {
    expect([
      channelOf('phone'),
      channelOf('sms'),
      channelOf('partner'),
      channelOf('online-ad'),
      channelOf('event'),
      channelOf('other'),
    ]).toEqual(['phone', 'phone', 'partner', 'online', 'field', 'field']);
  });
});

describe('decideAnswer (saga completion)', () => {
  it("sales' ids complete a lead that is not converted yet; a second arrival (reply after event) is ignored", () => {
    expect(decideAnswer(lead({ conversionStatus: 'converting' }), { ok: true })).toBe('complete');
    expect(decideAnswer(lead({ status: 'converted', conversionStatus: 'converted' }), { ok: true })).toBe('ignore');
  });

  it('a refusal fails only the attempt under way that it answers', () => {
    const converting = lead({ conversionStatus: 'converting', conversionCallId: 'call-2' });
    expect(decideAnswer(converting, { ok: false, callId: 'call-2' })).toBe('fail');
    expect(decideAnswer(converting, { ok: false, callId: 'call-1' })).toBe('ignore');
    expect(decideAnswer(lead({ conversionStatus: 'failed', conversionCallId: 'call-2' }), { ok: false, callId: 'call-2' })).toBe('ignore');
  });

  it('keeps code, message and field details of a refusal', () => {
    const e = new CrmError(ErrorCode.ValidationFailed, 'regionCode bad', [{ field: 'account.regionCode', reasons: ['6 digits'] }]);
    expect(conversionError(e)).toEqual({
      code: 4220,
      message: 'regionCode bad',
      details: [{ field: 'account.regionCode', reasons: ['6 digits'] }],
    });
  });
});
