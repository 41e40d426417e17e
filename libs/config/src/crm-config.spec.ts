import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, configErrorOf } from './config-error.js';
import { describeConfig, loadConfig, parseMasterKey } from './crm-config.js';

const key = `k1:${randomBytes(32).toString('base64')}`;

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({ CRM_MASTER_KEY: key });
    expect(c.namespace).toBe('crm');
    expect(c.databaseUrl).toBe('mysql://root@127.0.0.1:3306');
    expect(c.amqpUrls).toEqual(['amqp://guest:guest@127.0.0.1:5672']);
    expect(c.httpPorts).toEqual({ auth: 3001, marketing: 3002, sales: 3003, service: 3004, audit: 3005 });
    expect(c.queueType).toBe('classic');
    expect(c).toMatchObject({
      prefetch: 64,
      dbPoolSize: 20,
      logLevel: 'info',
      outboundTimeoutMs: 10_000,
      callerCacheTtlMs: 300_000,
      actorCacheTtlMs: 30_000,
    });
    expect(c.masterKeys.previous).toEqual([]);
  });

  it('sends EOMS replies to eoms.inbound unless EOMS_QUEUE says otherwise (every app refuses it as reply_to)', () => {
    expect(loadConfig({ CRM_MASTER_KEY: key }).eomsQueue).toBe('eoms.inbound');
    expect(loadConfig({ CRM_MASTER_KEY: key, EOMS_QUEUE: ' t_1.eoms ' }).eomsQueue).toBe('t_1.eoms');
  });

  it('defaults the public URLs to 127.0.0.1 on the apps’ ports and keeps only the origin', () => {
    expect(loadConfig({ CRM_MASTER_KEY: key, AUDIT_PORT: '4005' }).publicUrls).toEqual({
      auth: 'http://127.0.0.1:3001',
      audit: 'http://127.0.0.1:4005',
    });
    expect(loadConfig({ CRM_MASTER_KEY: key, AUDIT_PUBLIC_URL: 'https://audit.example.com/' }).publicUrls.audit).toBe(
      'https://audit.example.com',
    );
  });

  it('reads the cache lifetimes in seconds, and blank values as unset', () => {
    const c = loadConfig({
      CRM_MASTER_KEY: key,
      CALLER_CACHE_TTL_SECONDS: '0',
      ACTOR_CACHE_TTL_SECONDS: '5',
      AMQP_PREFETCH: ' ',
      CRM_NAMESPACE: '',
    });
    expect(c).toMatchObject({ callerCacheTtlMs: 0, actorCacheTtlMs: 5000, prefetch: 64, namespace: 'crm' });
  });

  it('stops with the reason for each kind of bad value', () => {
    expect(configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, AMQP_PREFETCH: '1e3' })).message).toBe(
      'configuration error: AMQP_PREFETCH must be a whole number',
    );
    expect(configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, DB_POOL_SIZE: '501' })).message).toBe(
      'configuration error: DB_POOL_SIZE must be between 1 and 500',
    );
    expect(configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, DATABASE_URL: 'postgres://x' })).message).toBe(
      'configuration error: DATABASE_URL must use mysql: or mariadb:',
    );
    expect(configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, AMQP_URL: 'not a url' })).message).toBe(
      'configuration error: AMQP_URL is not a valid URL',
    );
    expect(configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, AMQP_QUEUE_TYPE: 'stream' })).message).toBe(
      'configuration error: AMQP_QUEUE_TYPE must be classic or quorum',
    );
  });

  it('leaves the apps’ own variables to the apps (a bad ALERT_* value does not stop marketing)', () => {
    const c = loadConfig({
      CRM_MASTER_KEY: key,
      ALERT_AUTH_FAILURES: 'abc',
      NOTIFIER: 'pigeon',
      EOMS_QUEUE: '',
      AUDIT_BACKUP_DIR: 'relative',
    });
    expect(c.namespace).toBe('crm');
  });

  it('stops on a missing master key, naming the variable', () => {
    const e = configErrorOf(() => loadConfig({}));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(/CRM_MASTER_KEY is missing/);
  });

  it.each([
    ['no id', randomBytes(32).toString('base64')],
    ['short key', `k1:${randomBytes(16).toString('base64')}`],
    ['bad id', `k 1:${randomBytes(32).toString('base64')}`],
  ])('stops on a malformed master key (%s) without printing it', (_, raw) => {
    const e = configErrorOf(() => loadConfig({ CRM_MASTER_KEY: raw }));
    expect(e.message).toMatch(/CRM_MASTER_KEY is malformed/);
    expect(e.message).not.toContain(raw);
    expect(e.message).not.toContain(raw.split(':').pop()!);
  });

  it('rejects bad namespaces, ports, URLs and queue types', () => {
    expect(configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, CRM_NAMESPACE: 'Bad-NS' })).variable).toBe('CRM_NAMESPACE');
    expect(configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, AUTH_PORT: '70000' })).variable).toBe('AUTH_PORT');
    expect(configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, AUTH_PORT: 'abc' })).variable).toBe('AUTH_PORT');
    expect(configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, DATABASE_URL: 'postgres://x' })).variable).toBe('DATABASE_URL');
    expect(configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, AMQP_URL: 'not a url' })).variable).toBe('AMQP_URL');
    expect(configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, AMQP_QUEUE_TYPE: 'stream' })).variable).toBe('AMQP_QUEUE_TYPE');
  });

  it('reads AMQP_URL as one address or several, comma-separated (the nodes of a cluster, in order)', () => {
    expect(loadConfig({ CRM_MASTER_KEY: key, AMQP_URL: 'amqps://crm:pw@mq1:5671/crm' }).amqpUrls).toEqual(['amqps://crm:pw@mq1:5671/crm']);
    const c = loadConfig({ CRM_MASTER_KEY: key, AMQP_URL: ' amqp://crm:pw@mq1:5672 , amqp://crm:pw@mq2:5672/,amqp://crm:pw@mq3:5672, ' });
    expect(c.amqpUrls).toEqual(['amqp://crm:pw@mq1:5672', 'amqp://crm:pw@mq2:5672/', 'amqp://crm:pw@mq3:5672']);
  });

  it('refuses a list with a bad address, or whose addresses name different users, passwords or vhosts, without printing them', () => {
    const bad = (AMQP_URL: string) => configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, AMQP_URL })).message;
    expect(bad('amqp://crm:pw@mq1:5672,not a url')).toBe('configuration error: AMQP_URL is not a valid URL');
    expect(bad('amqp://crm:pw@mq1:5672,http://mq2')).toBe('configuration error: AMQP_URL must use amqp: or amqps:');
    expect(bad(' , ')).toBe('configuration error: AMQP_URL is not a valid URL');
    const mixed = 'configuration error: AMQP_URL must give every address the same user, password and vhost';
    expect(bad('amqp://crm:pw@mq1:5672,amqp://other:pw@mq2:5672')).toBe(mixed);
    expect(bad('amqp://crm:s3cret-one@mq1:5672,amqp://crm:s3cret-two@mq2:5672')).toBe(mixed);
    expect(bad('amqp://crm:pw@mq1:5672/crm,amqp://crm:pw@mq2:5672/other')).toBe(mixed);
  });

  it('accepts previous keys for rotation', () => {
    const old = `k0:${randomBytes(32).toString('base64')}`;
    const older = `kx:${randomBytes(32).toString('base64')}`;
    const c = loadConfig({ CRM_MASTER_KEY: key, CRM_MASTER_KEY_PREVIOUS: ` ${old}, ${older},` });
    expect(c.masterKeys.previous.map((k) => k.id)).toEqual(['k0', 'kx']);
  });

  it('refuses a malformed previous key without printing it', () => {
    const bad = `k0:${randomBytes(31).toString('base64')}`;
    const e = configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, CRM_MASTER_KEY_PREVIOUS: bad }));
    expect(e.message).toBe('configuration error: CRM_MASTER_KEY_PREVIOUS is malformed: the key must decode to 32 bytes');
    expect(e.message).not.toContain(bad.split(':')[1]);
  });

  it('describes itself without secrets', () => {
    const c = loadConfig({
      CRM_MASTER_KEY: key,
      AMQP_URL: 'amqp://crm:hunter2hunter2@mq:5672,amqp://crm:hunter2hunter2@mq2:5672',
      DATABASE_URL: 'mysql://root:dbsecret@db:3306',
    });
    const text = JSON.stringify(describeConfig(c));
    expect(text).not.toContain('hunter2hunter2');
    expect(text).not.toContain('dbsecret');
    expect(text).not.toContain(key.split(':')[1]);
    expect(text).toContain('k1');
    expect(describeConfig(c).amqpUrls).toEqual(['amqp://crm:***@mq:5672', 'amqp://crm:***@mq2:5672']);
  });

  it('parseMasterKey returns id and 32 bytes', () => {
    const k = parseMasterKey('X', key);
    expect(k.id).toBe('k1');
    expect(k.key).toHaveLength(32);
  });
});
