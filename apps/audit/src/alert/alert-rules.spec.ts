import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@crm/config';
import { loadAuditConfig } from '../audit.config.js';
import type { StorableCallEvent } from '../call-log/call-event.parser.js';
import type { FeedEvent } from './alert-feed.parser.js';
import { randomBytes } from 'node:crypto';
import { EventMac } from '@crm/security';
import { EventAuthenticator } from '../ingest/event-authenticity.js';
import { feedParser } from './alert-feed.parser.js';
import { merge } from './alert-engine.js';
import { counterKey, evaluateWindows, planBatch, type WindowSum } from './alert-planner.js';
import { authFailureOccurrences, counterSpecs, errorRateBreached, latencyBreached, p95 } from './alert-rules.js';
import { deadLetterTrigger, ingestLagTrigger } from './queue-rules.js';

const KEY = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const env = { CRM_MASTER_KEY: KEY };
const config = loadAuditConfig(env, loadConfig(env)).alerts;
const specs = counterSpecs(config);
const T0 = new Date('2026-11-23T10:00:00.000Z');

function call(over: Partial<StorableCallEvent> = {}): FeedEvent {
  const e: StorableCallEvent = {
    id: 'a',
    at: T0,
    direction: 'inbound',
    service: 'service',
    caller: 'EOMS',
    callee: 'service',
    pattern: 'service.workorder.dispatch.v1',
    requestId: 'r1',
    actor: null,
    code: 0,
    ok: true,
    durationMs: 5,
    message: null,
    source: null,
    redelivered: false,
    fingerprint: null,
    traceId: null,
    spanId: null,
    parentSpanId: null,
    ...over,
  };
  return { kind: 'call', at: e.at, call: e };
}

/** Evaluates a batch as if the database held exactly this batch's counts plus `before`. */
function evaluate(events: FeedEvent[], before: Partial<Record<string, WindowSum>> = {}) {
  const plan = planBatch(events, config, specs);
  const sums = new Map<string, WindowSum>();
  for (const t of plan.touched) {
    const key = counterKey(t.counter, t.subject);
    const prior = before[key] ?? { total: 0, hits: 0 };
    sums.set(key, { total: prior.total + t.batchTotal, hits: prior.hits + t.batchHits });
  }
  return [...plan.triggers, ...evaluateWindows(plan.touched, sums, config)];
}

describe('alert rules', () => {
  it('has the documented defaults', () => {
    expect(config).toMatchObject({
      authFailures: 5,
      authWindowMs: 60_000,
      errorRatePercent: 50,
      errorRateMinCalls: 20,
      latencyP95Ms: 2000,
      latencyMinCalls: 20,
      webhookUrl: null,
    });
  });

  it('counts the threshold-th failure as the first occurrence and each later one as another', () => {
    expect(authFailureOccurrences(4, 4, 5)).toBe(0);
    expect(authFailureOccurrences(5, 5, 5)).toBe(1);
    expect(authFailureOccurrences(6, 1, 5)).toBe(1);
    expect(authFailureOccurrences(7, 3, 5)).toBe(3);
  });

  it('five failed authentications by one caller in one batch give one trigger; four give none', () => {
    const five = Array.from({ length: 5 }, () => call({ code: 4002, ok: false, caller: 'MALLORY' }));
    const triggers = evaluate(five).filter((t) => t.rule === 'auth-failures');
    expect(triggers).toEqual([expect.objectContaining({ subject: 'MALLORY', occurrences: 1, severity: 'critical' })]);
    expect(evaluate(five.slice(1)).filter((t) => t.rule === 'auth-failures')).toEqual([]);
  });

  it('ignores the internal verify call and the outbound leg of an internal call', () => {
    const verify = call({
      code: 4002,
      ok: false,
      caller: 'crm-service',
      pattern: 'auth.caller.verify.v1',
      callee: 'auth',
      service: 'auth',
    });
    const outbound = call({ code: 4002, ok: false, caller: 'X', direction: 'outbound', callee: 'auth' });
    expect(planBatch(Array(10).fill(verify), config, specs).increments).toEqual([]);
    expect(planBatch(Array(10).fill(outbound), config, specs).increments).toEqual([]);
    // A call to EOMS is only ever seen from our side: it counts.
    expect(
      planBatch([call({ direction: 'outbound', callee: 'eoms', pattern: 'eoms.workorder.reply.v1' })], config, specs).increments,
    ).toHaveLength(2);
  });

  it('raises a credential-state alert for every disabled, locked or expired credential in use', () => {
    const rules = evaluate([call({ code: 4003, ok: false }), call({ code: 4004, ok: false }), call({ code: 4005, ok: false })]).map(
      (t) => t.rule,
    );
    expect(rules.sort()).toEqual(['caller-disabled-use', 'caller-expired-use', 'caller-locked-use']);
  });

  it('error rate: fires at the share with the minimum count, not below either', () => {
    expect(errorRateBreached(20, 10, 50, 20)).toBe(true);
    expect(errorRateBreached(20, 9, 50, 20)).toBe(false);
    expect(errorRateBreached(19, 19, 50, 20)).toBe(false);
    const batch = [...Array.from({ length: 12 }, () => call({ code: 5000, ok: false })), ...Array.from({ length: 8 }, () => call())];
    expect(evaluate(batch).filter((t) => t.rule === 'error-rate')).toEqual([
      expect.objectContaining({ subject: 'service.workorder.dispatch.v1', occurrences: 12 }),
    ]);
    // Credential refusals are not errors of the pattern.
    const refused = Array.from({ length: 20 }, () => call({ code: 4002, ok: false, caller: 'X' }));
    expect(evaluate(refused).filter((t) => t.rule === 'error-rate')).toEqual([]);
  });

  it('latency: fires exactly when the nearest-rank p95 is above the threshold', () => {
    for (const slowCount of [0, 1, 5, 6, 7, 30]) {
      const durations = [...Array(100 - slowCount).fill(10), ...Array(slowCount).fill(config.latencyP95Ms + 1)];
      expect(latencyBreached(100, slowCount, 20)).toBe(p95(durations) > config.latencyP95Ms);
    }
    for (let n = 1; n <= 60; n++) {
      for (let slow = 0; slow <= n; slow++) {
        const durations = [...Array(n - slow).fill(1), ...Array(slow).fill(5000)];
        expect(latencyBreached(n, slow, 1)).toBe(p95(durations) > 2000);
      }
    }
    const batch = Array.from({ length: 20 }, (_, i) => call({ durationMs: i < 2 ? 3000 : 10 }));
    expect(evaluate(batch).filter((t) => t.rule === 'latency')).toHaveLength(1);
    expect(evaluate(batch.slice(1)).filter((t) => t.rule === 'latency')).toHaveLength(0);
  });

  it('uses the counts already in the window (other batches, other replicas)', () => {
    const one = [call({ code: 4002, ok: false, caller: 'M' })];
    expect(evaluate(one).filter((t) => t.rule === 'auth-failures')).toEqual([]);
    expect(evaluate(one, { [counterKey('auth-failure', 'M')]: { total: 4, hits: 4 } }).filter((t) => t.rule === 'auth-failures')).toEqual([
      expect.objectContaining({ occurrences: 1 }),
    ]);
  });

  it('login failures: counted per employee ID (unknown ones too), one trigger at ALERT_LOGIN_FAILURES, then occurrences', () => {
    expect(config).toMatchObject({ loginFailures: 10, loginWindowMs: 300_000 });
    const failed = (employeeId: string, ms = 0): FeedEvent => ({
      kind: 'login-failed',
      at: new Date(T0.getTime() + ms),
      eventId: `e${ms}`,
      employeeId,
      source: '10.0.0.1',
    });
    const nine = Array.from({ length: 9 }, (_, i) => failed('E100001', i));
    expect(evaluate(nine)).toEqual([]);
    const ten = [...nine, failed('E100001', 9)];
    expect(evaluate(ten)).toEqual([
      expect.objectContaining({
        rule: 'login-failures',
        subject: 'E100001',
        severity: 'critical',
        occurrences: 1,
        details: expect.objectContaining({ failures: 10, threshold: 10 }),
      }),
    ]);
    // Thirty in one batch: still one incident, with 21 occurrences.
    const thirty = Array.from({ length: 30 }, (_, i) => failed('E100001', i));
    expect(merge(evaluate(thirty))).toEqual([expect.objectContaining({ rule: 'login-failures', occurrences: 21 })]);
    // Per ID: ten failures spread over ten IDs raise nothing.
    expect(evaluate(Array.from({ length: 10 }, (_, i) => failed(`E10000${i}`)))).toEqual([]);
    // The window is the login rule's own (5 min by default), not the caller rule's (60 s).
    expect(planBatch([failed('E1')], config, specs).increments).toEqual([
      { counter: 'login-failure', subject: 'E1', slot: Math.floor(T0.getTime() / 50_000), total: 1, hits: 1 },
    ]);
  });

  it('merges triggers of one incident within a batch', () => {
    const t = evaluate([call({ code: 4003, ok: false }), call({ code: 4003, ok: false })]);
    expect(merge(t)).toEqual([expect.objectContaining({ rule: 'caller-disabled-use', occurrences: 2 })]);
  });

  it('ingestion lag: either bound raises', () => {
    expect(ingestLagTrigger('q', 10, 1000, { ingestQueueDepth: 100, ingestLagMs: 60_000 }, T0)).toBeNull();
    expect(ingestLagTrigger('q', 100, 0, { ingestQueueDepth: 100, ingestLagMs: 60_000 }, T0)?.rule).toBe('ingest-lag');
    expect(ingestLagTrigger('q', 0, 60_000, { ingestQueueDepth: 100, ingestLagMs: 60_000 }, T0)?.subject).toBe('q');
  });

  it('dead letters: a warning past the threshold, critical at the bound', () => {
    expect(deadLetterTrigger('crm.service.dead', 9, 10, 100, T0)).toBeNull();
    expect(deadLetterTrigger('crm.service.dead', 10, 10, 100, T0)).toMatchObject({
      rule: 'dead-letters',
      severity: 'warning',
      subject: 'crm.service.dead',
    });
    expect(deadLetterTrigger('crm.service.dead', 100, 10, 100, T0)).toMatchObject({
      severity: 'critical',
      details: { depth: 100, maxMessages: 100 },
    });
  });
});

describe('alert feed messages', () => {
  const mac = new EventMac('crm', { current: { id: 'k1', key: randomBytes(32) }, previous: [] });
  const parseFeedMessage = feedParser(new EventAuthenticator(mac, []));
  /** Objects are sealed as an app seals them; strings go on the wire as they are. */
  const msg = (body: unknown) =>
    parseFeedMessage(
      Buffer.from(
        typeof body === 'string'
          ? body
          : JSON.stringify({
              ...(body as { pattern: string; data: object }),
              data: mac.seal((body as { pattern: string }).pattern, (body as { data: object }).data),
            }),
      ),
    );

  it('reads the events that are alerts in themselves', () => {
    const purged = msg({
      pattern: 'audit.log.purged.v1',
      data: { eventId: 'e1', occurredAt: T0.toISOString(), log: 'calls', before: '2026-01-01', rows: 10, forced: true, employeeId: 'E1' },
    });
    expect(purged).toEqual({ ok: true, event: expect.objectContaining({ kind: 'log-purged', forced: true, rows: 10 }) });
    const plan = planBatch([(purged as { event: FeedEvent }).event], config, specs);
    expect(plan.triggers).toEqual([expect.objectContaining({ rule: 'log-purged', severity: 'critical' })]);
    expect(msg({ pattern: 'auth.caller.expiring.v1', data: { caller: 'EOMS', expiresAt: '2026-12-01T00:00:00.000Z' } })).toMatchObject({
      ok: true,
      event: { kind: 'caller-expiring', caller: 'EOMS' },
    });
    expect(msg({ pattern: 'auth.access-review.overdue.v1', data: { employeeId: 'E100002' } })).toMatchObject({
      ok: true,
      event: { employeeId: 'E100002' },
    });
  });

  it('reads refused logins (auth.login.failed.v1) and refuses one without an employee ID', () => {
    expect(
      msg({
        pattern: 'auth.login.failed.v1',
        data: { eventId: 'e1', occurredAt: T0.toISOString(), employeeId: 'E100001', source: '127.0.0.1', locked: false },
      }),
    ).toEqual({
      ok: true,
      event: { kind: 'login-failed', at: T0, eventId: 'e1', employeeId: 'E100001', source: '127.0.0.1' },
    });
    expect(msg({ pattern: 'auth.login.failed.v1', data: { source: '127.0.0.1' } })).toEqual({ ok: false, reason: 'invalid employeeId' });
  });

  it.each([
    'not json',
    '[]',
    '{"pattern":"x.y.z.v1","data":{}}',
    '{"pattern":"audit.call.recorded.v1","data":{"id":1}}',
    '{"pattern":"auth.caller.expiring.v1","data":{}}',
  ])('refuses %s without throwing', (body) => {
    expect(msg(body).ok).toBe(false);
  });

  it('refuses sealed events it cannot use, and unsealed ones as forged (a forged event must not raise alerts)', () => {
    expect(msg({ pattern: 'x.y.z.v1', data: {} })).toEqual({ ok: false, reason: 'pattern is not one the alert rules read' });
    expect(msg({ pattern: 'auth.caller.expiring.v1', data: {} })).toEqual({ ok: false, reason: 'invalid caller' });
    const forged = JSON.stringify({ pattern: 'auth.caller.expiring.v1', data: { caller: 'EOMS', expiresAt: '2026-12-01T00:00:00.000Z' } });
    expect(msg(forged)).toMatchObject({
      ok: false,
      reason: 'mac missing',
      forged: { queue: 'alert-feed', pattern: 'auth.caller.expiring.v1' },
    });
  });
});
