import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, type CaseHistoryEntry } from '@crm/contracts';
import type { ChangeRecorder, OutboxWriter } from '@crm/outbox';
import type { ListCursorCodec } from '@crm/persistence';
import { systemContext, type CallContext } from '@crm/security';
import type { QueueAssigner } from '../queue/queue-assigner.js';
import type { ServiceConfig } from '../service.config.js';
import type { SlaClock } from '../sla/sla-clock.js';
import type { RuleSnapshot } from '../workflow/rule-evaluator.js';
import type { ActiveWorkflowRules } from '../workflow/active-workflow-rules.js';
import type { CasePatch, CaseRepository, CaseRow } from './case.repository.js';
import { CaseService } from './case.service.js';

/** In-memory cases: what the service asks of its repository, without SQL. */
class FakeCases {
  rows = new Map<string, CaseRow>();
  log: Array<{ caseId: string; action: string; details: Record<string, unknown> }> = [];
  private n = 0;
  nextCaseNo(_m: unknown, day: string) {
    return Promise.resolve(`C${day}${String(++this.n).padStart(5, '0')}`);
  }
  takeCaseNo() {
    return Promise.resolve(++this.n);
  }
  insert(_m: unknown, c: CaseRow) {
    this.rows.set(c.id, { ...c });
    return Promise.resolve();
  }
  update(_m: unknown, id: string, patch: CasePatch) {
    this.rows.set(id, { ...this.rows.get(id)!, ...patch } as CaseRow);
    return Promise.resolve();
  }
  find(id: string) {
    const c = this.rows.get(id);
    return Promise.resolve(c ? { ...c } : null);
  }
  openChildren(_m: unknown, masterId: string) {
    return Promise.resolve(
      [...this.rows.values()].filter((c) => c.masterCaseId === masterId && !['resolved', 'closed'].includes(c.status)),
    );
  }
  hasChildren(_m: unknown, id: string) {
    return Promise.resolve([...this.rows.values()].some((c) => c.masterCaseId === id));
  }
  childIds(_m: unknown, ids: string[]) {
    const out = new Map<string, string[]>();
    for (const c of this.rows.values())
      if (c.masterCaseId && ids.includes(c.masterCaseId)) out.set(c.masterCaseId, [...(out.get(c.masterCaseId) ?? []), c.id]);
    return Promise.resolve(out);
  }
  addHistory(_m: unknown, caseId: string, _at: Date, _actor: string, action: string, details: Record<string, unknown>) {
    this.log.push({ caseId, action, details });
    return Promise.resolve();
  }
  history(caseId: string): Promise<CaseHistoryEntry[]> {
    return Promise.resolve(
      this.log.filter((h) => h.caseId === caseId).map((h) => ({ at: '', actor: '', action: h.action, details: h.details })),
    );
  }
}

function setup(rules: RuleSnapshot[] = []) {
  const cases = new FakeCases();
  const events: Array<{ pattern: string; data: any }> = [];
  const m = {} as EntityManager;
  const dataSource = { transaction: (fn: (m: EntityManager) => Promise<unknown>) => fn(m), manager: m } as unknown as DataSource;
  const changes = {
    record: (_m: unknown, _ctx: unknown, c: { event?: { pattern: string; data: unknown } }) => {
      if (c.event) events.push({ pattern: c.event.pattern, data: c.event.data });
      return Promise.resolve();
    },
  } as unknown as ChangeRecorder;
  const outbox = {
    add: (_m: unknown, pattern: string, data: unknown) => {
      events.push({ pattern, data });
      return Promise.resolve();
    },
  } as unknown as OutboxWriter;
  const assigner = {
    route: () => Promise.resolve(null),
    exists: () => Promise.resolve(true),
    assign: (_m: unknown, queueId: string) =>
      Promise.resolve({ queueId, employeeId: 'E7', reason: 'round-robin', strategy: 'round-robin', required: [] }),
    escalationOf: () => Promise.resolve({ queueId: null, supervisorId: 'E99' }),
  } as unknown as QueueAssigner;
  const activeRules = {
    of: (_m: unknown, triggers: string[]) => Promise.resolve(rules.filter((r) => triggers.includes(r.trigger))),
  } as unknown as ActiveWorkflowRules;
  const none = { slaPolicyId: null, entitlementId: null, responseDueAt: null, resolutionDueAt: null, slaState: null };
  const slaCalls: unknown[] = [];
  const sla = {
    start: (_m: unknown, i: unknown) => (slaCalls.push(['start', i]), Promise.resolve(none)),
    change: (_m: unknown, c: unknown) => (slaCalls.push(['change', c]), Promise.resolve(none)),
    view: () => Promise.resolve(new Map()),
  } as unknown as SlaClock;
  const config: ServiceConfig = { caseReopenHours: 24, slaWarningPercent: 80, slaTickMs: 1000 };
  const service = new CaseService(
    dataSource,
    changes,
    outbox,
    cases as unknown as CaseRepository,
    assigner,
    activeRules,
    sla,
    config,
    {} as ListCursorCodec,
  );
  return { service, cases, events, slaCalls };
}

const agent: CallContext = { ...systemContext('FRONTEND'), employeeId: 'E7', scope: { scope: 'all', owners: null } };
const base = { channel: 'phone', category: 'network-fault', priority: 'high', subject: 'Outage', description: '' } as const;

describe('CaseService with fakes', () => {
  it('resolving a master resolves its open children, one status event each; closed children stay as they are', async () => {
    const { service, cases, events } = setup();
    let master = await service.create({ ...base }, agent);
    const kids = [];
    for (let i = 0; i < 3; i++) kids.push(await service.create({ ...base, masterCaseId: master.caseId }, agent));
    cases.rows.set(kids[2]!.caseId, { ...cases.rows.get(kids[2]!.caseId)!, status: 'closed' });
    master = await service.assign({ caseId: master.caseId, version: master.version, ownerId: 'E7' }, agent);
    master = await service.transition({ caseId: master.caseId, version: master.version, to: 'in_progress' }, agent);
    events.length = 0;
    master = await service.transition({ caseId: master.caseId, version: master.version, to: 'resolved', note: 'spliced' }, agent);
    const childEvents = events.filter((e) => e.pattern === 'service.case.status-changed.v1' && e.data.masterCaseId === master.caseId);
    expect(childEvents.map((e) => [e.data.caseId, e.data.status, e.data.previousStatus])).toEqual([
      [kids[0]!.caseId, 'resolved', 'assigned'],
      [kids[1]!.caseId, 'resolved', 'assigned'],
    ]);
    expect(cases.rows.get(kids[0]!.caseId)).toMatchObject({ status: 'resolved', resolution: 'spliced' });
    expect(cases.rows.get(kids[2]!.caseId)!.status).toBe('closed');
    // Closing the master afterwards: nothing left open, no more child events.
    events.length = 0;
    await service.close({ caseId: master.caseId, version: master.version, satisfaction: 5 }, agent);
    expect(events.map((e) => e.data.caseId)).toEqual([master.caseId]);
  });

  it('a case no rule, queue or routing criterion placed is owned by the employee who opened it', async () => {
    const { service, cases, events } = setup();
    const creator: CallContext = { ...agent, employeeId: 'E42' };
    const c = await service.create({ ...base }, creator);
    expect(c).toMatchObject({ ownerId: 'E42', status: 'assigned', queueId: null });
    expect(cases.log.filter((h) => h.caseId === c.caseId && h.action === 'assigned').map((h) => h.details)).toEqual([
      { ownerId: 'E42', previousOwnerId: null, via: 'creator' },
    ]);
    expect(events.map((e) => e.pattern)).toEqual(expect.arrayContaining(['service.case.assigned.v1', 'service.case.status-changed.v1']));
    // A queue placed it: the queue's strategy picks the agent, not the creator.
    const queued = await service.create({ ...base, queueId: '5e1f0c2a-6a0e-4c55-9d38-3f1b2c7a9001' }, creator);
    expect(queued).toMatchObject({ ownerId: 'E7', status: 'assigned' });
  });

  it('a case opened by the system (an EOMS order) without a queue waits unowned', async () => {
    const { service, cases } = setup();
    const id = await service.open(
      {} as EntityManager,
      {
        ...base,
        accountId: null,
        contact: null,
        queueId: null,
        skills: [],
        masterCaseId: null,
        workorderId: null,
        orderNo: 'EOMS-1',
        resolveBy: null,
        attributes: {},
      },
      systemContext('EOMS'),
      'system',
      ['case-created'],
    );
    expect(cases.rows.get(id)).toMatchObject({ ownerId: null, status: 'new' });
  });

  it('a child cannot become a master, nor a master a child', async () => {
    const { service } = setup();
    const master = await service.create({ ...base }, agent);
    const child = await service.create({ ...base, masterCaseId: master.caseId }, agent);
    const err = await service.create({ ...base, masterCaseId: child.caseId }, agent).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrmError);
    expect((err as CrmError).code).toBe(4090);
    const other = await service.create({ ...base }, agent);
    const err2 = await service
      .link({ caseId: master.caseId, version: master.version, masterCaseId: other.caseId }, agent)
      .catch((e: unknown) => e);
    expect((err2 as CrmError).message).toContain('is a master case');
  });

  it('the state machine: illegal moves name the allowed ones; stale versions; reopen outside the window', async () => {
    const { service, cases, slaCalls } = setup();
    let c = await service.create({ ...base, queueId: '5e1f0c2a-6a0e-4c55-9d38-3f1b2c7a9001' }, agent);
    expect(c).toMatchObject({ status: 'assigned', ownerId: 'E7' });
    const bad = (await service
      .transition({ caseId: c.caseId, version: c.version, to: 'resolved' }, agent)
      .catch((e: unknown) => e)) as CrmError;
    expect(bad.code).toBe(4090);
    expect(bad.message).toContain('allowed from assigned: in_progress');
    const stale = (await service
      .transition({ caseId: c.caseId, version: 1, to: 'in_progress' }, agent)
      .catch((e: unknown) => e)) as CrmError;
    expect(stale.message).toContain('stale version');
    c = await service.transition({ caseId: c.caseId, version: c.version, to: 'in_progress' }, agent);
    expect(slaCalls.at(-1)).toEqual([
      'change',
      expect.objectContaining({ status: { from: 'assigned', to: 'in_progress' }, responded: true }),
    ]);
    c = await service.transition({ caseId: c.caseId, version: c.version, to: 'resolved' }, agent);
    cases.rows.set(c.caseId, { ...cases.rows.get(c.caseId)!, resolvedAt: new Date(Date.now() - 25 * 3_600_000) });
    const late = (await service
      .transition({ caseId: c.caseId, version: c.version, to: 'in_progress' }, agent)
      .catch((e: unknown) => e)) as CrmError;
    expect(late.message).toContain('24 h reopen window');
  });

  it('a rule applies once per chain and the history names its id and version', async () => {
    const rule: RuleSnapshot = {
      ruleId: 'r1',
      version: 3,
      name: 'urgent outages',
      trigger: 'case-created',
      conditions: [{ field: 'category', op: 'eq', value: 'network-fault' }],
      actions: [{ type: 'set-priority', priority: 'urgent' }, { type: 'escalate' }],
      order: 1,
    };
    const { service, cases } = setup([rule]);
    const c = await service.create({ ...base }, agent);
    expect(c).toMatchObject({ priority: 'urgent', escalationLevel: 1, ownerId: 'E99', status: 'assigned' });
    expect(cases.log.filter((h) => h.action === 'rule-applied').map((h) => [h.details.ruleId, h.details.ruleVersion])).toEqual([['r1', 3]]);
  });
});
