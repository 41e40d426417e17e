import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { CrmError, ErrorCode, type ApplyLeadConversionDto } from '@crm/contracts';
import { systemContext } from '@crm/security';
import type { LeadConversionRepository, LeadConversionRow } from './lead-conversion.repository.js';
import { LeadConversionService } from './lead-conversion.service.js';

const LEAD = '0b8f4f0e-0000-4000-8000-00000000000a';
const CAMPAIGN = '3f1c2a9e-0000-4000-8000-000000000001';
const M = {} as EntityManager;

/** In-memory sales: a transaction commits the rows it wrote or drops them when it throws. */
function fixture(existing: Array<{ id: string; name: string; ownerId: string }> = []) {
  const committed = new Map<string, LeadConversionRow>();
  let pending = new Map<string, LeadConversionRow>();
  const accounts = [...existing];
  const created = { accounts: 0, contacts: 0, opportunities: 0 };
  const recorded: Array<{ entity: string; event?: { pattern: string; data: unknown } }> = [];
  let n = 0;
  const repo: Pick<LeadConversionRepository, 'find' | 'claim' | 'complete'> = {
    find: async (_m, id) => pending.get(id) ?? committed.get(id) ?? null,
    claim: async (_m, leadId, campaignId, employeeId, at) => {
      if (committed.has(leadId) || pending.has(leadId))
        throw Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY', errno: 1062 });
      pending.set(leadId, {
        leadId,
        campaignId,
        employeeId,
        createdAt: at,
        accountId: '',
        contactId: '',
        opportunityId: '',
        linkedExisting: false,
      });
    },
    complete: async (_m, r) => void Object.assign(pending.get(r.leadId)!, r),
  };
  const service = new LeadConversionService(
    {
      transaction: (async (fn: (m: EntityManager) => Promise<unknown>) => {
        pending = new Map();
        const result = await fn(M);
        for (const [k, v] of pending) committed.set(k, v);
        return result;
      }) as never,
    },
    { record: async (_m, _ctx, e) => (recorded.push(e as never), {} as never) },
    repo as LeadConversionRepository,
    {
      findById: async (id) => (accounts.find((a) => a.id === id) as never) ?? null,
      holderOf: async (key, c) => {
        const a = key === 'name' ? accounts.find((x) => x.name.toLowerCase() === c.normalizedName) : undefined;
        return a ? { id: a.id, accountNo: 'ACC-1' } : null;
      },
    },
    {
      createIn: async (_m, dto) => {
        created.accounts++;
        const a = { id: `account-${++n}`, name: dto.name, ownerId: 'E100007' };
        accounts.push(a);
        return a as never;
      },
    },
    { findPrimary: async () => null },
    { createIn: async () => ({ id: `contact-${++n}`, ...(created.contacts++, {}) }) as never },
    {
      createIn: async (_m, dto) => {
        created.opportunities++;
        if (dto.leadId !== LEAD || dto.campaignId !== CAMPAIGN || dto.ownerId === undefined)
          throw new Error('opportunity without lead/campaign/owner');
        return { opportunityId: `opportunity-${++n}` } as never;
      },
    },
  );
  return { service, committed, created, recorded, accounts };
}

const dto = (over: Partial<ApplyLeadConversionDto> = {}): ApplyLeadConversionDto => ({
  leadId: LEAD,
  campaignId: CAMPAIGN,
  employeeId: 'E100005',
  channel: 'online',
  account: { name: 'Acme' },
  contact: { name: 'Li Lei', phone: '13800138000' },
  opportunity: { name: 'Deal', amount: '100.00', closeDate: '2026-12-31' },
  ...over,
});

const marketing = systemContext('crm-marketing');

describe('LeadConversionService.apply (idempotent by leadId)', () => {
  it('creates account, contact and opportunity once and publishes sales.lead.converted.v1', async () => {
    const f = fixture();
    const r = await f.service.apply(dto(), marketing);
    expect(r).toMatchObject({
      leadId: LEAD,
      accountId: 'account-1',
      contactId: 'contact-2',
      opportunityId: 'opportunity-3',
      campaignId: CAMPAIGN,
      linkedExisting: false,
      replayed: false,
    });
    expect(f.created).toEqual({ accounts: 1, contacts: 1, opportunities: 1 });
    expect(f.recorded.map((e) => e.event?.pattern)).toEqual(['sales.lead.converted.v1']);
  });

  it('a second apply answers the recorded ids and creates nothing', async () => {
    const f = fixture();
    const first = await f.service.apply(dto(), marketing);
    const again = await f.service.apply(dto({ opportunity: { name: 'Other', amount: '1.00', closeDate: '2027-01-01' } }), marketing);
    expect(again).toEqual({ ...first, replayed: true });
    expect(f.created).toEqual({ accounts: 1, contacts: 1, opportunities: 1 });
    expect(f.recorded).toHaveLength(1);
  });

  it('links the account the duplicate rule finds instead of creating a second one', async () => {
    const f = fixture([{ id: 'acme-1', name: 'acme', ownerId: 'E100002' }]);
    const r = await f.service.apply(dto(), marketing);
    expect(r).toMatchObject({ accountId: 'acme-1', linkedExisting: true });
    expect(f.created.accounts).toBe(0);
  });

  it('an unknown accountId is 4040 and records nothing (marketing marks the attempt failed)', async () => {
    const f = fixture();
    await expect(f.service.apply(dto({ account: { accountId: '9d9d9d9d-0000-4000-8000-000000000000' } }), marketing)).rejects.toMatchObject(
      {
        code: ErrorCode.NotFound,
      },
    );
    expect(f.committed.size).toBe(0);
  });

  it('only crm-marketing may apply (4030)', async () => {
    const f = fixture();
    await expect(f.service.apply(dto(), systemContext('FRONTEND'))).rejects.toBeInstanceOf(CrmError);
    await expect(f.service.apply(dto(), systemContext('FRONTEND'))).rejects.toMatchObject({ code: ErrorCode.Forbidden });
  });
});
