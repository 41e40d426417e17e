import { describe, expect, it } from '@jest/globals';
import { CONTRACT_EXPIRED_V1, CONTRACT_RENEWAL_DUE_V1 } from '@crm/contracts';
import type { SalesConfig } from '../sales.config.js';
import type { ContractEntity } from './contract.entity.js';
import { asRepository, FakeContractRepository, fakeChangeRecorder, fakeDataSource } from './contract.fake.js';
import { CONTRACT_BATCH, CONTRACT_SCHEDULE_CALLER, ContractRenewalJob } from './contract-renewal.job.js';

const config: SalesConfig = { quoteApprovalDiscountPercent: 15, renewalNoticeDays: 60, scheduleIntervalMs: 1000 };

let n = 0;
function contract(over: Partial<ContractEntity>): ContractEntity {
  n += 1;
  const id = `6f1c2d3e-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    id,
    contractNo: `CT-${n}`,
    name: `contract ${n}`,
    accountId: '6f1c2d3e-0000-4000-8000-0000000000aa',
    quoteId: null,
    opportunityId: null,
    status: 'active',
    startDate: '2026-03-01',
    endDate: '2027-02-28',
    termMonths: 12,
    currency: 'CNY',
    value: '1200.00',
    ownerId: 'E100001',
    predecessorId: null,
    successorId: null,
    activatedAt: new Date('2026-03-01T00:00:00Z'),
    activatedBy: 'E100001',
    terminatedAt: null,
    terminatedBy: null,
    terminationReason: null,
    terminationEffectiveDate: null,
    renewalNoticeAt: null,
    expiredAt: null,
    version: 2,
    createdBy: 'E100001',
    updatedBy: 'E100001',
    createdAt: new Date('2026-02-01T00:00:00Z'),
    updatedAt: new Date('2026-03-01T00:00:00Z'),
    ...over,
  };
}

function replicas(count: number, ...rows: ContractEntity[]) {
  const repo = new FakeContractRepository();
  for (const r of rows) repo.rows.set(r.id, r);
  const { changes, recorded } = fakeChangeRecorder();
  const jobs = Array.from({ length: count }, () => new ContractRenewalJob(fakeDataSource(), changes, asRepository(repo), config));
  const notices = () => recorded.filter((r) => r.change.event?.pattern === CONTRACT_RENEWAL_DUE_V1);
  return { repo, jobs, recorded, notices };
}

describe('ContractRenewalJob', () => {
  it('sends the notice on the day the end is 60 days away (month ends included), not a day earlier, and once', async () => {
    const feb = contract({ endDate: '2027-02-28' }); // due 2026-12-30
    const mar = contract({ endDate: '2027-03-01' }); // due 2026-12-31
    const { jobs, notices, repo } = replicas(1, feb, mar);
    expect(await jobs[0]!.run(new Date('2026-12-29T23:59:59Z'))).toEqual({ noticed: 0, expired: 0 });
    expect(await jobs[0]!.run(new Date('2026-12-30T00:00:00Z'))).toEqual({ noticed: 1, expired: 0 });
    expect(notices().map((r) => r.change.event!.data)).toEqual([
      expect.objectContaining({ contractId: feb.id, endDate: '2027-02-28', noticeDate: '2026-12-30', noticeDays: 60, value: '1200.00' }),
    ]);
    expect(notices()[0]!.context).toEqual(expect.objectContaining({ caller: CONTRACT_SCHEDULE_CALLER, employeeId: null }));
    // The next day: only the March one; the February one was marked and is not sent again.
    expect(await jobs[0]!.run(new Date('2026-12-31T10:00:00Z'))).toEqual({ noticed: 1, expired: 0 });
    expect(await jobs[0]!.run(new Date('2027-01-15T10:00:00Z'))).toEqual({ noticed: 0, expired: 0 });
    expect(notices().map((r) => (r.change.event!.data as { contractId: string }).contractId)).toEqual([feb.id, mar.id]);
    expect(repo.rows.get(feb.id)!.renewalNoticeAt).not.toBeNull();
  });

  it('two replicas running at once send one notice per contract: the conditional mark lets one through', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => contract({ endDate: `2027-01-0${i + 1}` }));
    const { jobs, notices } = replicas(2, ...rows);
    const now = new Date('2026-12-30T00:00:00Z');
    const [a, b] = await Promise.all([jobs[0]!.run(now), jobs[1]!.run(now)]);
    expect(a.noticed + b.noticed).toBe(7);
    const ids = notices().map((r) => (r.change.event!.data as { contractId: string }).contractId);
    expect(ids.sort()).toEqual(rows.map((r) => r.id).sort());
    // A second round on both finds nothing left.
    const again = await Promise.all([jobs[0]!.run(now), jobs[1]!.run(now)]);
    expect(again.map((r) => r.noticed)).toEqual([0, 0]);
    expect(notices()).toHaveLength(7);
  });

  it('skips drafts, renewed, terminated and already-ended contracts; a backlog larger than a batch is drained in one run', async () => {
    const skipped = [
      contract({ status: 'draft', endDate: '2027-01-10' }),
      contract({ status: 'renewed', endDate: '2027-01-10' }),
      contract({ status: 'terminated', endDate: '2027-01-10' }),
    ];
    const backlog = Array.from({ length: CONTRACT_BATCH + 5 }, () => contract({ endDate: '2027-01-10' }));
    const { jobs, notices } = replicas(1, ...skipped, ...backlog);
    expect(await jobs[0]!.run(new Date('2026-12-30T00:00:00Z'))).toEqual({ noticed: CONTRACT_BATCH + 5, expired: 0 });
    expect(notices()).toHaveLength(CONTRACT_BATCH + 5);
  });

  it('expires an active contract after its last day, once, with the expired event', async () => {
    const ended = contract({ endDate: '2026-12-29', renewalNoticeAt: new Date('2026-10-30T00:00:00Z') });
    const { jobs, recorded, repo } = replicas(2, ended);
    const now = new Date('2026-12-30T00:00:00Z');
    const [a, b] = await Promise.all([jobs[0]!.run(now), jobs[1]!.run(now)]);
    expect(a.expired + b.expired).toBe(1);
    expect(repo.rows.get(ended.id)).toMatchObject({ status: 'expired', version: 3 });
    expect(recorded.filter((r) => r.change.event?.pattern === CONTRACT_EXPIRED_V1)).toHaveLength(1);
    expect(recorded.filter((r) => r.change.event?.pattern === CONTRACT_RENEWAL_DUE_V1)).toHaveLength(0);
  });
});
