import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { RawClient } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';

jest.setTimeout(90_000);

/** Operator-facing behaviour: start-up checks, master key rotation, health, metrics. */
let stack: Stack;
let client: RawClient;

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'marketing'] });
  client = await RawClient.connect();
}, 120_000);

afterAll(async () => {
  await client?.close();
  await stack?.stop();
}, 60_000);

function runApp(app: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // Run from a directory without a `.env` (a developer's `npm start` writes one with a master key).
    const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'apps', app, 'src', 'main.js')], { env, cwd: tmpdir() });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
    // 'close': every output line read (the assertions look for the last ones).
    child.on('close', (code) => {
      clearTimeout(t);
      resolve({ code, output });
    });
  });
}

describe('start-up checks', () => {
  it('refuses to start without CRM_MASTER_KEY, with a clear message', async () => {
    const { CRM_MASTER_KEY: _, ...env } = stack.env;
    const r = await runApp('service', { ...env, SERVICE_PORT: '0' });
    expect(r.code).toBe(78);
    expect(r.output).toContain('CRM_MASTER_KEY is missing');
  });

  it('refuses a malformed key and never prints it', async () => {
    const bad = `k1:${randomBytes(20).toString('base64')}`;
    const r = await runApp('service', { ...stack.env, CRM_MASTER_KEY: bad, SERVICE_PORT: '0' });
    expect(r.code).toBe(78);
    expect(r.output).toContain('CRM_MASTER_KEY is malformed');
    expect(r.output).not.toContain(bad.split(':')[1]);
  });

  it('a bad ALERT_* value stops audit, which reads it, and not marketing, which does not', async () => {
    const r = await runApp('audit', { ...stack.env, ALERT_AUTH_FAILURES: 'abc', AUDIT_PORT: '0' });
    expect(r.code).toBe(78);
    expect(r.output).toContain('configuration error: ALERT_AUTH_FAILURES must be a whole number');

    await stack.killApp('marketing', 'SIGTERM');
    stack.env.ALERT_AUTH_FAILURES = 'abc';
    try {
      await stack.startApp('marketing'); // waits for GET /health to answer 200
    } finally {
      delete stack.env.ALERT_AUTH_FAILURES;
    }
    expect((await fetch(`${stack.url('marketing')}/health`)).status).toBe(200);
  });

  it('auth lets the console (CONSOLE_ORIGINS, by default audit’s own origin) call it from a browser, and no one else', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.url('auth')}/auth/login`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const console = stack.url('audit');
    expect((await preflight(console)).headers.get('access-control-allow-origin')).toBe(console);
    expect((await preflight('http://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('health and metrics', () => {
  it('GET /health reports database and broker', async () => {
    const res = await fetch(`${stack.url('marketing')}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', app: 'marketing', details: { database: { status: 'up' }, broker: { status: 'up' } } });
  });

  it('GET /metrics counts calls by pattern and code', async () => {
    const pw = await stack.createCaller('METRICS', ['marketing.system.ping.v1']);
    const r = await client.call(stack.queue('marketing'), 'marketing.system.ping.v1', { caller: 'METRICS', password: pw, payload: {} });
    expect(r.response?.code).toBe(0);
    const text = await (await fetch(`${stack.url('marketing')}/metrics`)).text();
    expect(text).toMatch(/crm_calls_total\{pattern="marketing.system.ping.v1",code="0"\} \d+/);
  });
});

describe('master key rotation', () => {
  it('re-encrypts every stored credential and the apps keep working with the new key only', async () => {
    const oldKey = stack.env.CRM_MASTER_KEY!;
    const newKey = `k2:${randomBytes(32).toString('base64')}`;
    stack.env.CRM_MASTER_KEY = newKey;
    stack.env.CRM_MASTER_KEY_PREVIOUS = oldKey;
    const r = await stack.cli(['key', 'rotate']);
    expect(r.code).toBe(0);
    expect(r.json.keyId).toBe('k2');
    // marketing, sales, service and audit each hold their credentials for auth; marketing also its
    // credentials for sales (lead conversion calls sales.lead-conversion.apply.v1); the two apps
    // started here (auth, marketing) also the password of their own database account
    expect(r.json.rewritten).toMatchObject({ auth: 1, marketing: 3, sales: 1, service: 1, audit: 1 });
    const db = await stack.db('marketing');
    const [rows] = await db.query<any[]>('SELECT target, key_id FROM outbound_credential ORDER BY target');
    await db.end();
    expect(rows.map((x) => [x.target, x.key_id])).toEqual([
      ['auth', 'k2'],
      ['database', 'k2'],
      ['sales', 'k2'],
    ]);

    // restart marketing with only the new key: it must still open its credentials to call auth
    delete stack.env.CRM_MASTER_KEY_PREVIOUS;
    await stack.killApp('marketing', 'SIGTERM');
    await stack.killApp('auth', 'SIGTERM');
    await stack.startApp('auth');
    await stack.startApp('marketing');
    const pw = await stack.createCaller('AFTERROTATE', ['marketing.system.ping.v1']);
    const reply = await client.call(stack.queue('marketing'), 'marketing.system.ping.v1', {
      caller: 'AFTERROTATE',
      password: pw,
      payload: {},
    });
    expect(reply.response?.code).toBe(0);
    expect((await stack.cli(['key', 'rotate'])).json.rewritten).toMatchObject({ marketing: 0 });
  });
});
