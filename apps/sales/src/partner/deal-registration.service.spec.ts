import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  DEAL_REGISTRATION_APPROVED_V1,
  DEAL_REGISTRATION_REJECTED_V1,
  DEAL_REGISTRATION_SUBMITTED_V1,
  ErrorCode,
  type ScopeGrant,
  type SubmitDealRegistrationDto,
} from '@crm/contracts';
import type { Change, ChangeContext, ChangeRecorder } from '@crm/outbox';
import { ListCursorCodec } from '@crm/persistence';
import { systemContext, type CallContext } from '@crm/security';
import type { AccountClue, DealRegistrationRepository, NewDealRegistration, RegistrationReader } from './deal-registration.repository.js';
import { DealRegistrationService } from './deal-registration.service.js';
import type { DealRegistrationEntity, PartnerEntity } from './partner.entity.js';
import { normalizeAccountName } from './partner.mapper.js';
import type { PartnerRepository } from './partner.repository.js';

interface Account {
  id: string;
  name: string;
  registrationNo: string | null;
  regionCode: string | null;
}
interface Opportunity {
  id: string;
  accountId: string;
  status: 'open' | 'won' | 'lost';
}

/** Both repositories without SQL: accounts and opportunities stand for the other features' shared columns. */
class Fakes {
  readonly partners = new Map<string, PartnerEntity>();
  readonly rows = new Map<string, DealRegistrationEntity>();
  readonly accounts: Account[] = [];
  readonly opportunities: Opportunity[] = [];
  private clock = Date.parse('2026-11-01T00:00:00Z');

  private visible(p: PartnerEntity, reader: RegistrationReader, r: DealRegistrationEntity): boolean {
    if ('partnerId' in reader) return r.partnerId === reader.partnerId;
    const scope = reader.scope as ScopeGrant | null;
    if (!scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
    return scope.owners === null || scope.owners.includes(p.ownerId);
  }

  readonly partnerRepo = {
    byCaller: async (callerName: string) => [...this.partners.values()].find((p) => p.callerName === callerName) ?? null,
    names: async (ids: string[]) => new Map(ids.map((id) => [id, this.partners.get(id)?.name ?? ''])),
  };

  readonly registrationRepo = {
    insert: async (_m: EntityManager, row: NewDealRegistration) => {
      const at = new Date((this.clock += 1000));
      const created = { ...row, version: 1, createdAt: at, updatedAt: at };
      this.rows.set(row.id, created);
      return { ...created };
    },
    find: async (id: string, reader: RegistrationReader) => {
      const r = this.rows.get(id);
      return r && this.visible(this.partners.get(r.partnerId)!, reader, r) ? { ...r } : null;
    },
    byRef: async (partnerId: string, partnerRef: string) =>
      [...this.rows.values()].find((r) => r.partnerId === partnerId && r.partnerRef === partnerRef) ?? null,
    update: async (_m: EntityManager, id: string, patch: Partial<DealRegistrationEntity>) => {
      const row = { ...this.rows.get(id)!, ...patch, updatedAt: new Date((this.clock += 1000)) };
      this.rows.set(id, row);
      return { ...row };
    },
    list: async (_q: unknown, _limit: number, _position: unknown, reader: RegistrationReader) =>
      [...this.rows.values()].filter((r) => this.visible(this.partners.get(r.partnerId)!, reader, r)).reverse(),
    matchAccounts: async (_m: EntityManager, clue: AccountClue) => {
      const byNo = clue.registrationNo ? this.accounts.filter((a) => a.registrationNo === clue.registrationNo) : [];
      if (byNo.length) return byNo.map((a) => a.id);
      return this.accounts
        .filter((a) => normalizeAccountName(a.name) === clue.normalizedName && (!clue.regionCode || a.regionCode === clue.regionCode))
        .map((a) => a.id);
    },
    openOpportunities: async (_m: EntityManager, accountIds: string[]) =>
      this.opportunities.filter((o) => accountIds.includes(o.accountId) && o.status === 'open').map((o) => o.id),
    liveRegistrations: async (_m: EntityManager, clue: AccountClue, accountIds: string[], excludeId: string) =>
      [...this.rows.values()]
        .filter(
          (r) =>
            r.id !== excludeId &&
            (r.status === 'submitted' || r.status === 'approved') &&
            ((r.accountId !== null && accountIds.includes(r.accountId)) ||
              (r.normalizedName === clue.normalizedName && (!clue.regionCode || !r.regionCode || r.regionCode === clue.regionCode))),
        )
        .map((r) => r.id),
  };
}

function partner(over: Partial<PartnerEntity>): PartnerEntity {
  return {
    id: '7a000000-0000-4000-8000-000000000001',
    name: 'Shenzhen Bright Channel',
    kind: 'dealer',
    regionCodes: ['440300'],
    tier: 'gold',
    status: 'active',
    callerName: 'PARTNER-BRIGHT',
    ownerId: 'E100001',
    version: 1,
    createdBy: 'E100001',
    updatedBy: 'E100001',
    createdAt: new Date('2026-10-01T00:00:00Z'),
    updatedAt: new Date('2026-10-01T00:00:00Z'),
    ...over,
  };
}

function setup() {
  const f = new Fakes();
  const bright = partner({});
  const other = partner({
    id: '7a000000-0000-4000-8000-000000000002',
    name: 'Other Dealer',
    callerName: 'PARTNER-OTHER',
    ownerId: 'E100009',
  });
  f.partners.set(bright.id, bright);
  f.partners.set(other.id, other);
  f.accounts.push(
    { id: 'acc-1', name: '深圳市 光明科技（集团）有限公司', registrationNo: '91440300MA5XXXXX1A', regionCode: '440300' },
    { id: 'acc-2', name: 'Acme Ltd.', registrationNo: null, regionCode: '110000' },
  );
  f.opportunities.push(
    { id: 'opp-open', accountId: 'acc-1', status: 'open' },
    { id: 'opp-won', accountId: 'acc-1', status: 'won' },
    { id: 'opp-acme', accountId: 'acc-2', status: 'open' },
  );
  const recorded: Array<{ context: ChangeContext; change: Change }> = [];
  const changes = {
    record: async (_m: EntityManager | null, context: ChangeContext, change: Change) => void recorded.push({ context, change }),
  } as unknown as ChangeRecorder;
  const dataSource = { transaction: async <T>(run: (m: EntityManager) => Promise<T>) => run({} as EntityManager) } as unknown as DataSource;
  const service = new DealRegistrationService(
    dataSource,
    changes,
    f.registrationRepo as unknown as DealRegistrationRepository,
    f.partnerRepo as unknown as PartnerRepository,
    new ListCursorCodec([Buffer.alloc(32, 7)]),
  );
  return { f, service, recorded, bright, other };
}

const employee = (employeeId: string, owners: string[] | null, permissions = ['partner.read', 'partner.write']): CallContext => ({
  caller: 'FRONTEND',
  employeeId,
  requestKey: null,
  requestId: 'rq-1',
  scope: { scope: owners ? 'own' : 'all', owners },
  permissions,
});

const deal = (over: Partial<SubmitDealRegistrationDto> = {}): SubmitDealRegistrationDto => ({
  accountName: '深圳市光明科技(集团)有限公司',
  regionCode: '440300',
  opportunityName: 'Metro screens Q1',
  amount: '480000.00',
  expectedCloseDate: '2027-03-31',
  products: [{ sku: 'AD-METRO', quantity: 40 }],
  ...over,
});

async function failure(p: Promise<unknown>): Promise<CrmError> {
  return p.then(
    () => {
      throw new Error('expected a CrmError');
    },
    (e: unknown) => {
      if (!(e instanceof CrmError)) throw e;
      return e;
    },
  );
}

describe('normalizeAccountName', () => {
  it('ignores width, case, spaces and punctuation (full-width brackets included)', () => {
    expect(normalizeAccountName('深圳市 光明科技（集团）有限公司')).toBe('深圳市光明科技集团有限公司');
    expect(normalizeAccountName('ＡＣＭＥ  Ltd.')).toBe('acmeltd');
  });
});

describe('DealRegistrationService.submit', () => {
  it("flags a registration whose account (normalised name + region) has an open opportunity; the partner is the caller's", async () => {
    const { service, recorded, bright } = setup();
    const view = await service.submit(deal(), systemContext('PARTNER-BRIGHT'));
    expect(view).toMatchObject({
      partnerId: bright.id,
      partnerName: 'Shenzhen Bright Channel',
      status: 'submitted',
      accountId: 'acc-1',
      flagged: true,
      collidingOpportunityIds: ['opp-open'], // the won one is closed: no collision
      collidingRegistrationIds: [],
      submittedBy: 'PARTNER-BRIGHT',
      amount: '480000.00',
      currency: 'CNY',
      products: [{ sku: 'AD-METRO', quantity: 40 }],
    });
    expect(recorded[0]!.context).toMatchObject({ caller: 'PARTNER-BRIGHT', employeeId: null });
    expect(recorded[0]!.change.event).toMatchObject({ pattern: DEAL_REGISTRATION_SUBMITTED_V1, data: { flagged: true } });
  });

  it('matches by registration number first; another region or no open opportunity is not a collision', async () => {
    const { service } = setup();
    const byNo = await service.submit(
      deal({ accountName: 'Bright Tech Group', registrationNo: '91440300MA5XXXXX1A', regionCode: undefined }),
      systemContext('PARTNER-BRIGHT'),
    );
    expect(byNo).toMatchObject({ accountId: 'acc-1', collidingOpportunityIds: ['opp-open'] });
    const elsewhere = await service.submit(deal({ accountName: 'ACME LTD', regionCode: '440300' }), systemContext('PARTNER-BRIGHT'));
    expect(elsewhere).toMatchObject({ accountId: null, flagged: false, collidingOpportunityIds: [] });
    const unknown = await service.submit(deal({ accountName: 'New Customer Co.' }), systemContext('PARTNER-BRIGHT'));
    expect(unknown).toMatchObject({ accountId: null, flagged: false });
  });

  it("flags another partner's live registration for the same account", async () => {
    const { service } = setup();
    const first = await service.submit(deal({ accountName: 'New Customer Co.' }), systemContext('PARTNER-BRIGHT'));
    const second = await service.submit(deal({ accountName: 'new customer co' }), systemContext('PARTNER-OTHER'));
    expect(second).toMatchObject({ flagged: true, collidingOpportunityIds: [], collidingRegistrationIds: [first.registrationId] });
  });

  it('a caller that is no partner, or a suspended partner, gets 4030', async () => {
    const { service, f, bright } = setup();
    expect((await failure(service.submit(deal(), systemContext('FRONTEND')))).code).toBe(ErrorCode.Forbidden);
    f.partners.set(bright.id, { ...bright, status: 'suspended' });
    expect((await failure(service.submit(deal(), systemContext('PARTNER-BRIGHT')))).code).toBe(ErrorCode.Forbidden);
  });

  it('a re-submit with the same partnerRef answers the original; other content is 4090', async () => {
    const { service, f } = setup();
    const first = await service.submit(deal({ partnerRef: 'BR-0001' }), systemContext('PARTNER-BRIGHT'));
    const again = await service.submit(deal({ partnerRef: 'BR-0001' }), systemContext('PARTNER-BRIGHT'));
    expect(again.registrationId).toBe(first.registrationId);
    expect(f.rows.size).toBe(1);
    const changed = await failure(service.submit(deal({ partnerRef: 'BR-0001', amount: '480000.01' }), systemContext('PARTNER-BRIGHT')));
    expect(changed.code).toBe(ErrorCode.Conflict);
  });
});

describe('DealRegistrationService decisions and reads', () => {
  it('approve records who and when and publishes approved; a second decision is 4090; reject needs its reason', async () => {
    const { service, recorded } = setup();
    const r = await service.submit(deal(), systemContext('PARTNER-BRIGHT'));
    const stale = await failure(service.approve({ registrationId: r.registrationId, version: 2 }, employee('E100001', null)));
    expect(stale.code).toBe(ErrorCode.Conflict);
    const now = new Date('2026-11-30T09:00:00Z');
    const approved = await service.approve(
      { registrationId: r.registrationId, version: 1, note: 'partner leads' },
      employee('E100001', null),
      now,
    );
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: 'E100001',
      decidedAt: now.toISOString(),
      decisionReason: 'partner leads',
      version: 2,
    });
    expect(recorded.at(-1)!.change).toMatchObject({
      action: 'approve',
      before: { status: 'submitted', decidedBy: null },
      after: { status: 'approved', decidedBy: 'E100001' },
      event: { pattern: DEAL_REGISTRATION_APPROVED_V1, data: { registrationId: r.registrationId, collidingOpportunityIds: ['opp-open'] } },
    });
    expect(
      (await failure(service.reject({ registrationId: r.registrationId, version: 2, reason: 'late' }, employee('E100001', null)))).code,
    ).toBe(ErrorCode.Conflict);
    const other = await service.submit(deal({ accountName: 'Someone Else' }), systemContext('PARTNER-BRIGHT'));
    const rejected = await service.reject(
      { registrationId: other.registrationId, version: 1, reason: ' duplicate of ours ' },
      employee('E100001', null),
    );
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: 'duplicate of ours' });
    expect(recorded.at(-1)!.change.event!.pattern).toBe(DEAL_REGISTRATION_REJECTED_V1);
  });

  it("a partner's caller reads only its own registrations; an employee needs partner.read and sees within the scope", async () => {
    const { service } = setup();
    const mine = await service.submit(deal(), systemContext('PARTNER-BRIGHT'));
    const theirs = await service.submit(deal({ accountName: 'Other Co' }), systemContext('PARTNER-OTHER'));
    expect((await service.get(mine.registrationId, systemContext('PARTNER-BRIGHT'))).registrationId).toBe(mine.registrationId);
    expect((await failure(service.get(theirs.registrationId, systemContext('PARTNER-BRIGHT')))).code).toBe(ErrorCode.NotFound);
    expect((await service.list({}, systemContext('PARTNER-BRIGHT'))).items.map((i) => i.registrationId)).toEqual([mine.registrationId]);
    expect((await failure(service.list({}, systemContext('FRONTEND')))).code).toBe(ErrorCode.Forbidden);
    // Bright's channel manager is E100001, Other's E100009.
    expect((await service.list({}, employee('E100001', ['E100001']))).items.map((i) => i.registrationId)).toEqual([mine.registrationId]);
    expect((await failure(service.get(theirs.registrationId, employee('E100001', ['E100001'])))).code).toBe(ErrorCode.NotFound);
    expect((await service.list({}, employee('E100002', null))).items).toHaveLength(2);
    expect((await failure(service.list({}, employee('E100002', null, ['contract.read'])))).code).toBe(ErrorCode.Forbidden);
  });
});
