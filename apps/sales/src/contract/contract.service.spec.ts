import { describe, expect, it } from '@jest/globals';
import {
  CONTRACT_ACTIVATED_V1,
  CONTRACT_CREATED_V1,
  CONTRACT_RENEWED_V1,
  CONTRACT_TERMINATED_V1,
  CrmError,
  ErrorCode,
  type CreateContractDto,
} from '@crm/contracts';
import { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import { asRepository, FakeContractRepository, fakeChangeRecorder, fakeDataSource } from './contract.fake.js';
import { ContractService } from './contract.service.js';

const ACCOUNT = '6f1c2d3e-0000-4000-8000-000000000001';
const QUOTE = '6f1c2d3e-0000-4000-8000-0000000000a1';
const OPPORTUNITY = '6f1c2d3e-0000-4000-8000-0000000000b1';
const NOW = new Date('2026-11-30T08:00:00Z');

function setup() {
  const repo = new FakeContractRepository();
  repo.accounts.set(ACCOUNT, 'E100001');
  repo.quotes.set(QUOTE, {
    quoteId: QUOTE,
    quoteNo: 'Q-2026-0042',
    revision: 2,
    status: 'accepted',
    currency: 'CNY',
    opportunityId: OPPORTUNITY,
    accountId: ACCOUNT,
    ownerId: 'E100002',
    lines: [
      {
        lineNo: 1,
        productId: null,
        sku: 'AD-SLOT-A',
        name: 'Prime slot',
        quantity: '4.000000',
        unitPrice: '300.000000',
        netAmount: '1200.00',
      },
      { lineNo: 2, productId: null, sku: 'AD-IMPR', name: 'Impressions', quantity: '100000', unitPrice: '0.003333', netAmount: '333.30' },
    ],
  });
  const { changes, recorded } = fakeChangeRecorder();
  const service = new ContractService(fakeDataSource(), changes, asRepository(repo), new ListCursorCodec([Buffer.alloc(32, 7)]));
  return { repo, recorded, service };
}

function ctx(employeeId: string, owners: string[] | null): CallContext {
  return {
    caller: 'FRONTEND',
    employeeId,
    requestKey: null,
    requestId: 'rq-1',
    scope: { scope: owners ? 'own' : 'all', owners },
    permissions: ['contract.write', 'contract.read'],
  };
}

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

const byHand = (over: Partial<CreateContractDto> = {}): CreateContractDto => ({
  accountId: ACCOUNT,
  name: 'Broadband for HQ',
  startDate: '2026-01-31',
  termMonths: 1,
  lines: [
    { sku: 'BB-1000', name: '1000M line', quantity: '1', unitPrice: '0.10', amount: '0.10' },
    { sku: 'BB-IP', name: 'Static IP', quantity: 1, unitPrice: '0.20', amount: '0.20' },
  ],
  value: '0.30',
  ...over,
});

describe('ContractService.create', () => {
  it('by hand: value must be the exact sum of the lines (0.10 + 0.20 = 0.30, no float drift)', async () => {
    const { service, recorded } = setup();
    const view = await service.create(byHand(), ctx('E100001', ['E100001']), NOW);
    expect(view).toMatchObject({
      status: 'draft',
      value: '0.30',
      currency: 'CNY',
      ownerId: 'E100001',
      startDate: '2026-01-31',
      endDate: '2026-02-28',
      termMonths: 1,
      quoteId: null,
    });
    expect(view.contractNo).toMatch(/^CT-20261130-[0-9A-Z]{6}$/);
    expect(view.lines.map((l) => [l.lineNo, l.quantity, l.unitPrice, l.amount])).toEqual([
      [1, '1', '0.10', '0.10'],
      [2, '1', '0.20', '0.20'],
    ]);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.change).toMatchObject({
      entity: 'contract',
      action: 'create',
      event: { pattern: CONTRACT_CREATED_V1, data: view },
    });

    // 3 × 33.33 = 99.99: a value of 100.00 is one cent off and refused, naming the field and the sum.
    const lines = [1, 2, 3].map((i) => ({ sku: `S${i}`, name: `line ${i}`, quantity: '1', unitPrice: '33.33', amount: '33.33' }));
    const e = await failure(service.create(byHand({ lines, value: '100.00' }), ctx('E100001', null), NOW));
    expect(e.code).toBe(ErrorCode.ValidationFailed);
    expect(e.details).toEqual([{ field: 'value', reasons: ["value 100.00 is not the sum of the lines' amounts (99.99)"] }]);
    expect((await service.create(byHand({ lines, value: '99.99' }), ctx('E100001', null), NOW)).value).toBe('99.99');
  });

  it('by hand: the account must be within the scope (4040), the term one of endDate or termMonths (4220)', async () => {
    const { service } = setup();
    expect((await failure(service.create(byHand(), ctx('E100009', ['E100009']), NOW))).code).toBe(ErrorCode.NotFound);
    const both = await failure(service.create(byHand({ endDate: '2026-12-31' }), ctx('E100001', null), NOW));
    expect(both.details).toEqual([{ field: 'termMonths', reasons: ['give endDate or termMonths, not both'] }]);
    const backwards = await failure(service.create(byHand({ termMonths: undefined, endDate: '2026-01-30' }), ctx('E100001', null), NOW));
    expect(backwards.details?.[0]?.field).toBe('endDate');
  });

  it("from an accepted quote: its lines and net amounts, the opportunity's account and owner; one contract per quote", async () => {
    const { service, repo } = setup();
    const view = await service.create({ quoteId: QUOTE, termMonths: 12 }, ctx('E100003', null), NOW);
    expect(view).toMatchObject({
      name: 'Q-2026-0042 r2',
      accountId: ACCOUNT,
      opportunityId: OPPORTUNITY,
      quoteId: QUOTE,
      ownerId: 'E100002',
      value: '1533.30', // 1200.00 + 333.30
      startDate: null,
      endDate: null,
      termMonths: 12,
    });
    expect(view.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.amount])).toEqual([
      ['AD-SLOT-A', '4', '300.00', '1200.00'],
      ['AD-IMPR', '100000', '0.003333', '333.30'],
    ]);
    const again = await failure(service.create({ quoteId: QUOTE, termMonths: 12 }, ctx('E100003', null), NOW));
    expect(again.code).toBe(ErrorCode.Conflict);
    expect(again.message).toBe(`quote ${QUOTE} already has contract ${view.contractId}`);
    expect(repo.rows.size).toBe(1);
  });

  it('from a quote: not accepted is 4090, outside the scope 4040, lines or value in the payload 4220', async () => {
    const { service, repo } = setup();
    expect((await failure(service.create({ quoteId: QUOTE, termMonths: 12 }, ctx('E100001', ['E100001']), NOW))).code).toBe(
      ErrorCode.NotFound,
    );
    const extra = await failure(service.create({ quoteId: QUOTE, termMonths: 12, value: '1.00' }, ctx('E100002', null), NOW));
    expect(extra.details).toEqual([{ field: 'value', reasons: ['value comes from the quote; leave it out'] }]);
    repo.quotes.get(QUOTE)!.status = 'approved';
    const draft = await failure(service.create({ quoteId: QUOTE, termMonths: 12 }, ctx('E100002', null), NOW));
    expect(draft).toMatchObject({ code: ErrorCode.Conflict, message: `quote ${QUOTE} is approved, not accepted` });
  });
});

describe('ContractService transitions', () => {
  it('activate sets the start (today when none) and fixes the end of a term in months; the event carries the lines', async () => {
    const { service, recorded } = setup();
    const draft = await service.create({ quoteId: QUOTE, termMonths: 12 }, ctx('E100002', null), NOW);
    const stale = await failure(service.activate({ contractId: draft.contractId, version: 2 }, ctx('E100002', null), NOW));
    expect(stale).toMatchObject({
      code: ErrorCode.Conflict,
      message: `stale version: contract ${draft.contractId} is at version 1, not 2`,
    });
    const active = await service.activate({ contractId: draft.contractId, version: 1 }, ctx('E100002', null), NOW);
    expect(active).toMatchObject({ status: 'active', startDate: '2026-11-30', endDate: '2027-11-29', version: 2, activatedBy: 'E100002' });
    const event = recorded.at(-1)!.change;
    expect(event).toMatchObject({
      action: 'activate',
      before: { status: 'draft', startDate: null, endDate: null },
      after: { status: 'active', startDate: '2026-11-30', endDate: '2027-11-29' },
      event: { pattern: CONTRACT_ACTIVATED_V1, data: { accountId: ACCOUNT, startDate: '2026-11-30', endDate: '2027-11-29' } },
    });
    expect((event.event!.data as { lines: unknown[] }).lines).toHaveLength(2);
    const twice = await failure(service.activate({ contractId: draft.contractId, version: 2 }, ctx('E100002', null), NOW));
    expect(twice.code).toBe(ErrorCode.Conflict);
  });

  it('renew makes a linked draft successor starting the day after the end, same lines and months; the old one is renewed', async () => {
    const { service, repo, recorded } = setup();
    const c = await service.create(byHand(), ctx('E100001', null), NOW);
    await service.activate({ contractId: c.contractId, version: 1 }, ctx('E100001', null), NOW);
    const next = await service.renew({ contractId: c.contractId, version: 2 }, ctx('E100001', null), NOW);
    expect(next).toMatchObject({
      status: 'draft',
      predecessorId: c.contractId,
      startDate: '2026-03-01', // the day after 2026-02-28
      endDate: '2026-03-31',
      termMonths: 1,
      value: '0.30',
      ownerId: 'E100001',
    });
    expect(next.lines.map((l) => l.sku)).toEqual(['BB-1000', 'BB-IP']);
    expect(repo.rows.get(c.contractId)).toMatchObject({ status: 'renewed', successorId: next.contractId, version: 3 });
    expect(recorded.at(-1)!.change.event).toMatchObject({
      pattern: CONTRACT_RENEWED_V1,
      data: { contractId: c.contractId, status: 'renewed', successorId: next.contractId, successor: { contractId: next.contractId } },
    });
    const again = await failure(service.renew({ contractId: c.contractId, version: 3 }, ctx('E100001', null), NOW));
    expect(again.code).toBe(ErrorCode.Conflict);
  });

  it('renew with new lines checks their sum; a term given by end date is kept as days', async () => {
    const { service } = setup();
    const c = await service.create(
      byHand({ termMonths: undefined, endDate: '2026-12-31', startDate: '2026-01-01' }),
      ctx('E100001', null),
      NOW,
    );
    await service.activate({ contractId: c.contractId, version: 1 }, ctx('E100001', null), NOW);
    const lines = [{ sku: 'BB-1000', name: '1000M line', quantity: '12', unitPrice: '99.995', amount: '1199.94' }];
    const off = await failure(service.renew({ contractId: c.contractId, version: 2, lines, value: '1199.95' }, ctx('E100001', null), NOW));
    expect(off.details?.[0]?.field).toBe('value');
    const next = await service.renew({ contractId: c.contractId, version: 2, lines, value: '1199.94' }, ctx('E100001', null), NOW);
    expect(next).toMatchObject({ startDate: '2027-01-01', endDate: '2027-12-31', termMonths: null, value: '1199.94' });
    expect(next.lines[0]).toMatchObject({ quantity: '12', unitPrice: '99.995', amount: '1199.94' });
  });

  it('terminate needs an effective date within the term and records the reason', async () => {
    const { service, recorded } = setup();
    const c = await service.create(byHand(), ctx('E100001', null), NOW);
    await service.activate({ contractId: c.contractId, version: 1 }, ctx('E100001', null), NOW);
    const late = await failure(
      service.terminate({ contractId: c.contractId, version: 2, reason: 'moved', effectiveDate: '2026-03-01' }, ctx('E100001', null), NOW),
    );
    expect(late.details).toEqual([{ field: 'effectiveDate', reasons: ['effectiveDate must not be after the end 2026-02-28'] }]);
    const done = await service.terminate(
      { contractId: c.contractId, version: 2, reason: ' customer moved ', effectiveDate: '2026-02-15' },
      ctx('E100001', null),
      NOW,
    );
    expect(done).toMatchObject({
      status: 'terminated',
      terminationReason: 'customer moved',
      terminationEffectiveDate: '2026-02-15',
      version: 3,
    });
    expect(recorded.at(-1)!.change).toMatchObject({
      action: 'terminate',
      before: { status: 'active', terminationReason: null },
      after: { status: 'terminated', terminationReason: 'customer moved' },
      event: { pattern: CONTRACT_TERMINATED_V1 },
    });
  });

  it("another owner's contract is 4040 for get and every change, as if missing", async () => {
    const { service } = setup();
    const c = await service.create(byHand(), ctx('E100001', null), NOW);
    const other = ctx('E100009', ['E100009']);
    expect((await failure(service.get(c.contractId, other))).code).toBe(ErrorCode.NotFound);
    expect((await failure(service.activate({ contractId: c.contractId, version: 1 }, other, NOW))).code).toBe(ErrorCode.NotFound);
    expect((await service.get(c.contractId, ctx('E100001', ['E100001']))).contractId).toBe(c.contractId);
  });
});
