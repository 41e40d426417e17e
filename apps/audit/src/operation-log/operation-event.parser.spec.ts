import { describe, expect, it } from '@jest/globals';
import { OPERATION_RECORDED_V1, type OperationEvent } from '@crm/contracts';
import { randomBytes } from 'node:crypto';
import { ChangeRecorder, diffChanges, type OutboxWriter } from '@crm/outbox';
import { EventMac } from '@crm/security';
import type { DataSource, EntityManager } from 'typeorm';
import { EventAuthenticator } from '../ingest/event-authenticity.js';
import { operationEventParser } from './operation-event.parser.js';

const mac = new EventMac('crm', { current: { id: 'k1', key: randomBytes(32) }, previous: [] });
const parseOperationEventMessage = operationEventParser(new EventAuthenticator(mac, []));

/** What EventPublisher (directly or through the outbox relay) puts on the wire, sealed. */
function envelope(event: { [K in keyof OperationEvent]: unknown }, pattern = OPERATION_RECORDED_V1): Buffer {
  return Buffer.from(
    JSON.stringify({
      pattern,
      data: mac.seal(pattern, { ...event, eventId: event.id, occurredAt: event.at, caller: 'EOMS', employeeId: null }),
    }),
  );
}

const event: OperationEvent = {
  id: '0b7e9a52-6c1f-4f5e-9d7a-1f2e3d4c5b6a',
  at: '2026-11-23T08:00:00.123Z',
  service: 'service',
  actorType: 'caller',
  actor: 'EOMS',
  entity: 'workorder',
  entityId: '7c1d2e3f-0000-4000-8000-000000000001',
  action: 'accept',
  changes: diffChanges({ status: 'dispatched', password: 'x' }, { status: 'accepted', password: 'y' }),
  requestId: 'rq-1',
};

describe('operationEventParser', () => {
  it("accepts what ChangeRecorder writes (the producers' side of the contract)", async () => {
    const written: Array<{ pattern: string; data: Record<string, unknown> }> = [];
    const outbox = {
      add: async (_m: EntityManager, pattern: string, data: Record<string, unknown>) => (written.push({ pattern, data }), 'id'),
    } as unknown as OutboxWriter;
    const recorder = new ChangeRecorder('sales', outbox, {} as DataSource);
    const entry = await recorder.record(
      {} as EntityManager,
      { caller: 'FRONTEND', employeeId: 'E100001', requestId: 'rq-9' },
      {
        entity: 'customer',
        entityId: 'c-1',
        action: 'update',
        before: { name: 'Li', pin: '1234' },
        after: { name: 'Lei', pin: '4321' },
      },
    );
    const [op] = written;
    expect(op.pattern).toBe(OPERATION_RECORDED_V1);
    const parsed = parseOperationEventMessage(
      Buffer.from(
        JSON.stringify({
          pattern: op.pattern,
          data: mac.seal(op.pattern, { ...op.data, eventId: entry.id, occurredAt: entry.at, caller: 'FRONTEND', employeeId: 'E100001' }),
        }),
      ),
    );
    expect(parsed).toEqual({ ok: true, event: { ...entry, at: new Date(entry.at) } });
    expect(entry).toMatchObject({
      service: 'sales',
      actorType: 'employee',
      actor: 'E100001',
      requestId: 'rq-9',
      changes: [
        { field: 'name', old: 'Li', new: 'Lei' },
        { field: 'pin', old: '***', new: '***' },
      ],
    });
  });

  it('reads the OperationEvent from the envelope data, ignoring the publisher fields', () => {
    const parsed = parseOperationEventMessage(envelope(event));
    expect(parsed).toEqual({
      ok: true,
      event: {
        ...event,
        at: new Date(event.at),
        changes: [
          { field: 'status', old: 'dispatched', new: 'accepted' },
          { field: 'password', old: '***', new: '***' },
        ],
      },
    });
  });

  it.each([
    ['not JSON', Buffer.from('{oops')],
    ['another pattern', envelope(event, 'audit.call.recorded.v1')],
    ['a bad id', envelope({ ...event, id: 'no spaces allowed' })],
    ['a bad at', envelope({ ...event, at: 'yesterday' })],
    ['a bad actorType', envelope({ ...event, actorType: 'robot' })],
    ['no actor', envelope({ ...event, actor: '' })],
    ['changes not a list', envelope({ ...event, changes: 'status' })],
    ['a change without field', envelope({ ...event, changes: [{ old: 1, new: 2 }] })],
    ['an over-long entityId', envelope({ ...event, entityId: 'x'.repeat(129) })],
  ])('refuses %s', (_name, body) => {
    const parsed = parseOperationEventMessage(body);
    expect(parsed.ok).toBe(false);
  });

  it('refuses an operation event without a valid MAC as forged', () => {
    const unsealed = Buffer.from(
      JSON.stringify({ pattern: OPERATION_RECORDED_V1, data: { ...event, eventId: event.id, occurredAt: event.at } }),
    );
    expect(parseOperationEventMessage(unsealed)).toMatchObject({ ok: false, reason: 'mac missing', forged: { queue: 'operations' } });
    const changed = JSON.parse(envelope(event).toString()) as { data: Record<string, unknown> };
    changed.data.actor = 'E999999';
    expect(parseOperationEventMessage(Buffer.from(JSON.stringify(changed)))).toMatchObject({
      ok: false,
      reason: 'mac invalid',
      forged: { queue: 'operations' },
    });
  });
});
