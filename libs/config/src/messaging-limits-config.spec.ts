import { describe, expect, it } from '@jest/globals';
import { ConfigError } from './config-error.js';
import { loadConfig } from './crm-config.js';

const KEY = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const MIB = 1024 * 1024;
const load = (env: Record<string, string> = {}) => loadConfig({ CRM_MASTER_KEY: KEY, ...env });

describe('message limits (issue 8)', () => {
  it('defaults to 1 MiB, 16 MiB for marketing (10 MiB documents, base64), depth 32, bounded dead queues', () => {
    expect(load().messaging).toEqual({
      maxMessageBytes: { auth: MIB, marketing: 16 * MIB, sales: MIB, service: MIB, audit: MIB },
      maxMessageDepth: 32,
      deadQueue: { maxMessages: 100_000, maxBytes: 512 * MIB },
      handlerDeadlineMs: 30_000,
    });
  });

  it('HANDLER_DEADLINE_MS sets the handler deadline (issue 13)', () => {
    expect(load({ HANDLER_DEADLINE_MS: '1500' }).messaging.handlerDeadlineMs).toBe(1500);
  });

  it('MAX_MESSAGE_BYTES sets every app, <APP>_MAX_MESSAGE_BYTES one app', () => {
    const m = load({ MAX_MESSAGE_BYTES: '2048', MARKETING_MAX_MESSAGE_BYTES: String(20 * MIB) }).messaging.maxMessageBytes;
    expect(m).toEqual({ auth: 2048, marketing: 20 * MIB, sales: 2048, service: 2048, audit: 2048 });
  });

  it('refuses values out of range, naming the variable', () => {
    for (const [name, value] of [
      ['MAX_MESSAGE_BYTES', '10'],
      ['SERVICE_MAX_MESSAGE_BYTES', 'lots'],
      ['MAX_MESSAGE_DEPTH', '1'],
      ['DEAD_QUEUE_MAX_MESSAGES', '0'],
      ['HANDLER_DEADLINE_MS', '50'],
      ['HANDLER_DEADLINE_MS', String(30 * 60_000)],
    ]) {
      expect(() => load({ [name]: value })).toThrow(ConfigError);
      try {
        load({ [name]: value });
      } catch (e) {
        expect((e as ConfigError).variable).toBe(name);
      }
    }
  });
});

describe('outbox drains', () => {
  it('default to 4 per process, OUTBOX_DRAINS sets 1–16 and refuses anything else by name', () => {
    expect(load().outboxDrains).toBe(4);
    expect(load({ OUTBOX_DRAINS: '2' }).outboxDrains).toBe(2);
    for (const value of ['0', '17', 'many']) {
      try {
        load({ OUTBOX_DRAINS: value });
        throw new Error(`OUTBOX_DRAINS=${value} was accepted`);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        expect((e as ConfigError).variable).toBe('OUTBOX_DRAINS');
      }
    }
  });
});
