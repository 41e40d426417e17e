import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, ErrorCode, LEAD_ASSIGNED_V1, LEAD_CAPTURED_V1, LEAD_STATUS_CHANGED_V1, type ScopeGrant } from '@crm/contracts';
import type { Change, ChangeRecorder } from '@crm/outbox';
import { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import type { AssignmentService } from '../assignment/assignment.service.js';
import type { RuleStampRepository } from '../scoring/rule-stamp.repository.js';
import type { ScoringRuleRepository } from '../scoring/scoring-rule.repository.js';
import { ScoringService } from '../scoring/scoring.service.js';
import type { LeadEntity } from './lead.entity.js';
import type { LeadRepository, NewHistory, NewTouch } from './lead.repository.js';
import { LeadService } from './lead.service.js';

const duplicateKey = () =>
  Object.assign(new Error("Duplicate entry '13800138000' for key 'uq_lead_open_phone'"), { code: 'ER_DUP_ENTRY', errno: 1062 });

/** The repository's contract without SQL: rows in a map; `raceOnInsert` plays the other replica winning the insert. */
class FakeLeadRepository {
  readonly rows = new Map<string, LeadEntity>();
  readonly touches: NewTouch[] = [];
  readonly history: NewHistory[] = [];
  raceOnInsert: LeadEntity | null = null;

  async lockOpenByContacts(_m: EntityManager, phones: readonly string[], emails: readonly string[]): Promise<LeadEntity[]> {
    const open = [...this.rows.values()].filter((l) => ['new', 'working', 'nurturing', 'qualified'].includes(l.status));
    return open
      .filter((l) => (l.phoneNorm !== null && phones.includes(l.phoneNorm)) || (l.emailNorm !== null && emails.includes(l.emailNorm)))
      .map((l) => ({ ...l }));
  }

  async insertMany(_m: EntityManager, leads: readonly LeadEntity[]): Promise<void> {
    if (this.raceOnInsert && leads.length) {
      this.rows.set(this.raceOnInsert.id, this.raceOnInsert);
      this.raceOnInsert = null;
      throw duplicateKey();
    }
    for (const l of leads) this.rows.set(l.id, { ...l });
  }

  async insertTouches(_m: EntityManager, t: readonly NewTouch[]): Promise<void> {
    this.touches.push(...t);
  }

  async insertHistories(_m: EntityManager, h: readonly NewHistory[]): Promise<void> {
    this.history.push(...h);
  }

  async insertHistory(_m: EntityManager, h: NewHistory): Promise<void> {
    this.history.push(h);
  }

  async saveTouches(_m: EntityManager, leads: readonly Pick<LeadEntity, 'id' | 'touches' | 'score'>[]): Promise<void> {
    for (const l of leads) this.rows.set(l.id, { ...this.rows.get(l.id)!, ...l });
  }

  async touchCounts(_m: EntityManager, leadId: string) {
    const mine = this.touches.filter((t) => t.leadId === leadId);
    return mine.length ? [{ kind: 'capture', campaignId: null, count: mine.length }] : [];
  }

  async touchCountsOf(m: EntityManager, leadIds: readonly string[]) {
    return new Map(await Promise.all(leadIds.map(async (id) => [id, await this.touchCounts(m, id)] as const)));
  }

  async find(id: string, scope: ScopeGrant | null): Promise<LeadEntity | null> {
    const l = this.rows.get(id);
    if (!l || !scope) return null;
    return scope.owners === null || scope.owners.includes(l.ownerId ?? '') ? { ...l } : null;
  }

  async update(_m: EntityManager, id: string, patch: Partial<LeadEntity>): Promise<void> {
    this.rows.set(id, { ...this.rows.get(id)!, ...patch });
  }
}

function lead(over: Partial<LeadEntity> = {}): LeadEntity {
  const at = new Date('2026-11-01T00:00:00Z');
  return {
    id: '0b8f4f0e-0000-4000-8000-00000000000a',
    name: 'Li Lei',
    company: null,
    phoneNorm: '13800138000',
    emailNorm: null,
    industryCode: 'I6510',
    regionCode: '440305',
    segment: null,
    companySize: null,
    source: 'form',
    campaignId: null,
    attributes: null,
    status: 'new',
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
    version: 1,
    createdBy: 'E100009',
    updatedBy: 'E100009',
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

/** Rules: I65 industry +20, each capture touch +5. */
const RULES = [
  { id: 'r-industry', name: 'IT', points: 20, enabled: true, conditions: { industryCode: 'I65' }, engagement: null },
  { id: 'r-touch', name: 'touch', points: 5, enabled: true, conditions: null, engagement: { touchKind: 'capture' } },
];

function setup(...rows: LeadEntity[]) {
  const repo = new FakeLeadRepository();
  for (const r of rows) repo.rows.set(r.id, r);
  const recorded: Change[] = [];
  const events: Array<{ pattern: string; data: any }> = [];
  const changes = {
    record: async (_m: EntityManager | null, _c: unknown, change: Change) => {
      recorded.push(change);
      if (change.event) events.push(change.event);
    },
    recordEach: async (_m: EntityManager | null, items: { change: Change }[], more: { pattern: string; data: unknown }[] = []) => {
      for (const { change } of items) {
        recorded.push(change);
        if (change.event) events.push(change.event);
      }
      events.push(...more.map(({ pattern, data }) => ({ pattern, data })));
    },
  } as unknown as ChangeRecorder;
  const transactions = { count: 0, isolation: [] as (string | undefined)[] };
  const dataSource = {
    transaction: async <T>(...args: unknown[]) => {
      transactions.count++;
      transactions.isolation.push(args.length > 1 ? (args[0] as string) : undefined);
      return (args.at(-1) as (m: EntityManager) => Promise<T>)({} as EntityManager);
    },
  } as unknown as DataSource;
  // The scoring rules in the database and their stamp; `reads` counts how often the rules were read.
  const rules = { list: RULES as typeof RULES, stamp: 'v1', reads: 0 };
  const scoring = new ScoringService({ enabled: async () => (rules.reads++, rules.list) } as unknown as ScoringRuleRepository);
  const ruleStamps = { read: async () => ({ scoring: rules.stamp, assignment: 'a1' }) };
  const assignment = {
    choose: async () => ({ ownerId: 'E100002', ruleId: 'a-rule', strategy: 'round-robin' }),
    chooseMany: async (leads: unknown[]) => leads.map(() => ({ ownerId: 'E100002', ruleId: 'a-rule', strategy: 'round-robin' })),
  } as unknown as AssignmentService;
  const service = new LeadService(
    dataSource,
    changes,
    repo as unknown as LeadRepository,
    scoring,
    assignment,
    new ListCursorCodec([Buffer.alloc(32, 7)]),
    ruleStamps as unknown as RuleStampRepository,
    { captureBatchesInFlight: 1 },
  );
  return { repo, recorded, events, service, transactions, rules };
}

const ctx: CallContext = {
  caller: 'FRONTEND',
  employeeId: 'E100009',
  requestKey: null,
  requestId: 'rq-1',
  scope: { scope: 'all', owners: null },
  permissions: ['lead.write', 'lead.read'],
};

async function errorOf(p: Promise<unknown>): Promise<CrmError | undefined> {
  return p.then(
    () => undefined,
    (e: unknown) => (e instanceof CrmError ? e : undefined),
  );
}

describe('LeadService.capture', () => {
  it('creates a new lead: normalised phone, scored (20 + 5), assigned by the rule; captured and assigned events', async () => {
    const { service, repo, events, recorded } = setup();
    const reply = await service.capture({ name: ' Li Lei ', phone: '+86 138-0013-8000', industryCode: 'I6510', source: 'form' }, ctx);
    expect(reply).toEqual({ leadId: expect.any(String), status: 'new', score: 25, ownerId: 'E100002', duplicate: false });
    expect(reply.leadId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/); // time-ordered (UUID v7)
    expect(repo.rows.get(reply.leadId)).toMatchObject({ name: 'Li Lei', phoneNorm: '13800138000', touches: 1, version: 1 });
    expect(repo.rows.get(reply.leadId)!.scoreReasons).toEqual([
      { ruleId: 'r-industry', points: 20, why: 'industryCode I6510 starts with I65' },
      { ruleId: 'r-touch', points: 5, why: '1 × 5 for capture touch' },
    ]);
    expect(events.map((e) => e.pattern)).toEqual([LEAD_CAPTURED_V1, LEAD_ASSIGNED_V1]);
    expect(events[0]!.data).toMatchObject({ duplicate: false, lead: { ownerId: 'E100002', score: 25 } });
    expect(JSON.stringify(events)).not.toContain('13800138000');
    expect(recorded[0]).toMatchObject({
      entity: 'lead',
      action: 'capture',
      before: null,
      after: { phone: '13800138000', ownerId: 'E100002' },
    });
  });

  it('adds a touch to the open lead with the same phone written differently: duplicate, rescored, no version bump', async () => {
    const { service, repo, events } = setup(lead());
    repo.touches.push({ leadId: lead().id, campaignId: null, kind: 'capture', source: 'form', occurredAt: new Date() });
    const reply = await service.capture({ name: 'Lei Li', phone: '0086 138 0013 8000', source: 'event' }, ctx);
    expect(reply).toEqual({ leadId: lead().id, status: 'new', score: 30, ownerId: 'E100001', duplicate: true });
    expect(repo.rows.size).toBe(1);
    expect(repo.rows.get(lead().id)).toMatchObject({ touches: 2, score: 30, version: 1, name: 'Li Lei' });
    expect(repo.history.map((h) => h.action)).toEqual(['touched']);
    expect(events).toMatchObject([{ pattern: LEAD_CAPTURED_V1, data: { duplicate: true, source: 'event' } }]);
  });

  it('keeps the scoring rules while their stamp is unchanged; a changed stamp (a rule change, any replica) is scored by the next capture', async () => {
    const { service, rules } = setup();
    const capture = (phone: string) => service.capture({ name: 'Li Lei', phone, industryCode: 'I6510', source: 'form' }, ctx);
    expect((await capture('13800138001')).score).toBe(25);
    expect((await capture('13800138002')).score).toBe(25);
    expect(rules.reads).toBe(1);
    rules.list = [{ ...RULES[0]!, points: 40 }, RULES[1]!];
    rules.stamp = 'v2';
    expect((await capture('13800138003')).score).toBe(45);
    expect(rules.reads).toBe(2);
  });

  it('a capture that loses the insert race to another replica (duplicate key) is retried and becomes a touch on the winner', async () => {
    const { service, repo } = setup();
    repo.raceOnInsert = lead({ id: '0b8f4f0e-0000-4000-8000-0000000000bb' });
    const reply = await service.capture({ name: 'Li Lei', phone: '13800138000', source: 'form' }, ctx);
    expect(reply).toMatchObject({ leadId: '0b8f4f0e-0000-4000-8000-0000000000bb', duplicate: true });
    expect(repo.rows.size).toBe(1);
  });

  it('captures that arrive together are written as one batch, each decided as if they came one after another', async () => {
    const { service, repo, events, transactions } = setup(lead());
    const [first, a, b, c] = await Promise.all([
      service.capture({ name: 'Alone', phone: '13900139000', source: 'form' }, ctx), // written at once; the rest wait for it
      service.capture({ name: 'Wang Fang', phone: '+86 150-0015-0000', source: 'form' }, ctx),
      service.capture({ name: 'Wang Fang', phone: '0086 150 0015 0000', source: 'event' }, ctx),
      service.capture({ name: 'Lei Li', phone: '138 0013 8000', source: 'event' }, ctx),
    ]);
    expect(first).toMatchObject({ duplicate: false });
    expect(a!.leadId > first!.leadId).toBe(true); // ids in the order the leads were made
    expect(transactions.count).toBe(2);
    // No gap locks: two batches (of this process or another replica) inserting neighbouring new phones do not deadlock.
    expect(transactions.isolation).toEqual(['READ COMMITTED', 'READ COMMITTED']);
    // b is a touch on the lead a created in the same batch; c a touch on the stored lead.
    expect(a).toMatchObject({ duplicate: false, score: 5 });
    expect(b).toEqual({ leadId: a!.leadId, status: 'new', score: 10, ownerId: 'E100002', duplicate: true });
    expect(c).toMatchObject({ leadId: lead().id, duplicate: true });
    expect(repo.rows.get(a!.leadId)).toMatchObject({ phoneNorm: '15000150000', touches: 2, score: 10, version: 1 });
    expect(repo.rows.size).toBe(3);
    expect(repo.touches.filter((t) => t.leadId === a!.leadId)).toHaveLength(2);
    expect(repo.history.filter((h) => h.leadId === a!.leadId).map((h) => h.action)).toEqual(['captured', 'touched']);
    const ofA = events.filter((e) => e.data.leadId === a!.leadId).map((e) => `${e.pattern}:${e.data.duplicate ?? ''}`);
    // Operation-log entries and events in capture order, then the batch's assigned events.
    expect(ofA).toEqual([`${LEAD_CAPTURED_V1}:false`, `${LEAD_CAPTURED_V1}:true`, `${LEAD_ASSIGNED_V1}:`]);
  });

  it('refuses a phone that is not a mainland number with 4220 on phone, before any write', async () => {
    const { service, repo } = setup();
    const e = await errorOf(service.capture({ name: 'X', phone: '+44 20 7946 0958', source: 'form' }, ctx));
    expect(e).toMatchObject({ code: ErrorCode.ValidationFailed, details: [{ field: 'phone' }] });
    expect(repo.rows.size).toBe(0);
  });
});

describe('LeadService.transition', () => {
  it('moves along an allowed edge with its event; refuses another with 4090 naming the allowed ones', async () => {
    const { service, repo, events } = setup(lead({ status: 'working', version: 3 }));
    const bad = await errorOf(service.transition({ leadId: lead().id, version: 3, status: 'new' }, ctx));
    expect(bad).toMatchObject({
      code: ErrorCode.Conflict,
      message: 'a working lead cannot become new; allowed: nurturing, qualified, disqualified',
    });
    const view = await service.transition({ leadId: lead().id, version: 3, status: 'qualified' }, ctx);
    expect(view).toMatchObject({ status: 'qualified', version: 4 });
    expect(repo.rows.get(lead().id)!.status).toBe('qualified');
    expect(events).toMatchObject([{ pattern: LEAD_STATUS_CHANGED_V1, data: { from: 'working', to: 'qualified', version: 4 } }]);
  });

  it('requires a reason to disqualify (4220) and the current version (4090)', async () => {
    const { service } = setup(lead());
    expect(await errorOf(service.transition({ leadId: lead().id, version: 1, status: 'disqualified' }, ctx))).toMatchObject({
      code: ErrorCode.ValidationFailed,
      details: [{ field: 'reason' }],
    });
    expect((await errorOf(service.transition({ leadId: lead().id, version: 7, status: 'working' }, ctx)))?.code).toBe(ErrorCode.Conflict);
  });

  it('a lead outside the scope is 4040, as if missing', async () => {
    const { service } = setup(lead({ ownerId: 'E100001' }));
    const own = { ...ctx, scope: { scope: 'own' as const, owners: ['E100009'] } };
    expect((await errorOf(service.transition({ leadId: lead().id, version: 1, status: 'working' }, own)))?.code).toBe(ErrorCode.NotFound);
  });
});
