import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RawClient } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';

jest.setTimeout(120_000);

let stack: Stack;
let client: RawClient;
let deskPassword: string;

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'service', 'audit'] });
  client = await RawClient.connect();
  deskPassword = await stack.createCaller('DESK', ['service.workorder.*']);
});

afterAll(async () => {
  await client?.close();
  await stack?.stop();
}, 60_000);

/** A staff operation on the service app with the employee's token as actor; returns the code. */
async function accept(token: string): Promise<number> {
  const reply = await client.call(stack.queue('service'), 'service.workorder.accept.v1', {
    caller: 'DESK',
    password: deskPassword,
    requestId: `rq-${randomUUID()}`,
    actor: token,
    payload: { orderNo: 'NO-SUCH-ORDER' },
  });
  return reply.response ? reply.response.code : reply.err!.code;
}

async function auditStatus(token: string): Promise<number> {
  return (await fetch(`${stack.url('audit')}/audit/calls?limit=1`, { headers: { authorization: `Bearer ${token}` } })).status;
}

async function post(path: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.url('auth')}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('employee sessions across apps', () => {
  it('a live token stops working on every other app within a second of logout', async () => {
    const e = await stack.employee(['administrator']);
    // Both apps have now seen (and remember) the employee as active.
    expect(await accept(e.token)).toBe(4040);
    expect(await auditStatus(e.token)).toBe(200);

    expect((await post('/auth/logout', {}, e.token)).status).toBe(204);
    const loggedOutAt = Date.now();
    let rpcAt = 0;
    let httpAt = 0;
    while ((!rpcAt || !httpAt) && Date.now() - loggedOutAt < 5000) {
      if (!rpcAt && (await accept(e.token)) === 4010) rpcAt = Date.now();
      if (!httpAt && (await auditStatus(e.token)) === 401) httpAt = Date.now();
    }
    expect(rpcAt - loggedOutAt).toBeLessThan(1000);
    expect(httpAt - loggedOutAt).toBeLessThan(1000);
    expect(rpcAt).toBeGreaterThan(0);
    expect(httpAt).toBeGreaterThan(0);
  });

  it("a disabled employee's live token is rejected by other apps within a second, and so is the token of a changed role", async () => {
    const admin = await stack.adminToken();
    const e = await stack.employee(['administrator']);
    expect(await accept(e.token)).toBe(4040);
    expect(await auditStatus(e.token)).toBe(200);

    // Roles changed: the same token now carries only what the new roles grant.
    const put = await fetch(`${stack.url('auth')}/auth/employees/${e.employeeId}/roles`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ roles: ['sales'] }),
    });
    expect(put.status).toBe(200);
    // The role change ended the sessions; its announcement leaves through auth's outbox right after the
    // commit, so other apps refuse the token within a second of the reply (not necessarily before it).
    const changedAt = Date.now();
    let refusedAt = 0;
    while (!refusedAt && Date.now() - changedAt < 5000) if ((await accept(e.token)) === 4010) refusedAt = Date.now();
    expect(refusedAt).toBeGreaterThan(0);
    expect(refusedAt - changedAt).toBeLessThan(1000);
    // Sign in again with the new roles.
    const relogged = await stack.login(e.employeeId, e.password);
    expect(await accept(relogged.accessToken)).toBe(4030);
    expect(await auditStatus(relogged.accessToken)).toBe(403);

    const disabled = await post(`/auth/employees/${e.employeeId}/disable`, { note: 'left the company' }, admin);
    expect(disabled.status).toBe(200);
    const at = Date.now();
    let rejectedAt = 0;
    while (!rejectedAt && Date.now() - at < 5000) if ((await auditStatus(relogged.accessToken)) === 401) rejectedAt = Date.now();
    expect(rejectedAt).toBeGreaterThan(0);
    expect(rejectedAt - at).toBeLessThan(1000);
    expect(await accept(relogged.accessToken)).toBe(4010);
    // And no new session: a disabled ID cannot log in.
    await expect(stack.login(e.employeeId, e.password)).rejects.toThrow(/401/);
  });

  it('an app restarted after the revocation (empty cache) refuses the token too', async () => {
    const e = await stack.employee(['service-agent']);
    expect(await accept(e.token)).toBe(4040);
    expect((await post('/auth/logout', {}, e.token)).status).toBe(204);
    await stack.killApp('service');
    await stack.startApp('service');
    expect(await accept(e.token)).toBe(4010);
  });

  it('refresh rotates the refresh token; replaying the old one ends the session', async () => {
    const e = await stack.employee(['auditor']);
    const first = await post('/auth/refresh', { refreshToken: e.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      employeeId: e.employeeId,
      permissions: expect.arrayContaining(['audit.read']),
    });
    expect(first.body.refreshToken).not.toBe(e.refreshToken);
    expect(await auditStatus(first.body.accessToken)).toBe(200);

    const replay = await post('/auth/refresh', { refreshToken: e.refreshToken });
    expect(replay).toEqual({ status: 401, body: { code: 4010, message: expect.any(String) } });
    // The replay revealed a leak: the legitimate holder's newer token is dead too.
    expect((await post('/auth/refresh', { refreshToken: first.body.refreshToken })).status).toBe(401);
  });

  it('refresh after logout is refused, and garbage is 4010, not a crash', async () => {
    const e = await stack.employee(['auditor']);
    expect((await post('/auth/logout', {}, e.token)).status).toBe(204);
    expect((await post('/auth/refresh', { refreshToken: e.refreshToken })).body.code).toBe(4010);
    for (const bad of [undefined, '', 'x', 'a.b', 42, { a: 1 }, `${'A'.repeat(22)}.${'B'.repeat(43)}`]) {
      const r = await post('/auth/refresh', { refreshToken: bad });
      expect({ bad, status: r.status, code: r.body?.code }).toEqual({ bad, status: 401, code: 4010 });
    }
    expect((await post('/auth/logout', {})).status).toBe(401);
  });

  it('never stores refresh or access tokens', async () => {
    const e = await stack.employee(['auditor']);
    const dump = await stack.dumpAllTables();
    expect(dump.includes(e.refreshToken.split('.')[1])).toBe(false);
    expect(dump.includes(e.token)).toBe(false);
    expect(stack.logs().includes(e.token)).toBe(false);
  });
});
