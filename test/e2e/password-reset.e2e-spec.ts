import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { timeStep, totpAt } from '../support/authenticator.js';
import { containsNumber, createEmployee, employeeRow, login, median, postJson, sql, type HttpResult } from '../support/credentials.js';
import { Stack, waitFor } from '../support/stack.js';

/**
 * Forgot password end to end (SPEC §3.3): the same answer and timing for unknown accounts, codes in
 * the development mailbox and never in the logs, rate limits that reveal nothing, single use, attempt
 * limit, expiry, policy and history on the new password, sessions ended, lockout cleared.
 */

jest.setTimeout(120_000);

let stack: Stack;
const tag = randomBytes(3).toString('hex');
const people: Array<{ id: string; email: string; phone: string; password: string }> = [];

beforeAll(async () => {
  stack = await Stack.start({
    apps: ['auth'],
    env: { LOGIN_MAX_FAILURES: '3', RESET_REQUESTS_PER_ACCOUNT: '3', RESET_REQUESTS_PER_ADDRESS: '1000' },
  });
  for (let i = 0; i < 4; i++) {
    const password = `forgetful ${i} ${randomBytes(6).toString('hex')} phrase`;
    const email = `person${i}.${tag}@example.com`;
    const phone = `+86138${tag.replace(/[a-f]/g, '7').slice(0, 4)}${String(i).padStart(4, '0')}`;
    // One phone stored as typed, with formatting: lookups compare without it.
    const stored = i === 2 ? `${phone.slice(0, 3)} ${phone.slice(3, 6)}-${phone.slice(6, 10)} ${phone.slice(10)}` : phone;
    const id = await createEmployee(stack, `Reset Person ${i}`, password, { email, phone: stored });
    people.push({ id, email, phone, password });
  }
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const forgot = (body: Record<string, unknown>) => postJson(stack, '/auth/password/forgot', body);
const reset = (body: Record<string, unknown>) => postJson(stack, '/auth/password/reset', body);

async function mailboxCount(employeeId: string): Promise<number> {
  const rows = await sql(stack, 'SELECT COUNT(*) AS n FROM dev_mailbox WHERE employee_id = ?', [employeeId]);
  return Number(rows[0].n);
}

/** Requests a code and waits for it to reach the development mailbox; returns the code. */
async function requestCode(who: { id: string; email: string }, by: Record<string, unknown> = { email: who.email }): Promise<string> {
  const [{ last }] = await sql(stack, 'SELECT COALESCE(MAX(id), 0) AS last FROM dev_mailbox');
  const r = await forgot(by);
  expect(r.status).toBe(202);
  const row = await waitFor(async () => {
    const rows = await sql(
      stack,
      "SELECT body FROM dev_mailbox WHERE employee_id = ? AND subject = 'CRM password reset code' AND id > ? ORDER BY id DESC LIMIT 1",
      [who.id, last],
    );
    return rows[0];
  });
  return /\b(\d{6})\b/.exec(row.body)![1]!;
}

describe('forgot password answers the same whether or not the account exists', () => {
  it('same status and body, and medians of the response times within 30 ms', async () => {
    const known: HttpResult[] = [];
    const unknown: HttpResult[] = [];
    const identifiers = [
      { email: people[0]!.email },
      { phone: people[0]!.phone },
      { email: people[1]!.email },
      { phone: people[1]!.phone },
      { email: people[2]!.email },
      { phone: people[2]!.phone },
      { email: people[3]!.email },
    ];
    for (let i = 0; i < identifiers.length; i++) {
      const owner = people.find((p) => p.email === identifiers[i]!.email || p.phone === identifiers[i]!.phone)!;
      const before = await mailboxCount(owner.id);
      known.push(await forgot(identifiers[i]!));
      // Let the background job finish so it cannot slow the next sample.
      await waitFor(async () => (await mailboxCount(owner.id)) > before);
      unknown.push(
        await forgot(i % 2 ? { phone: `+1555${tag.replace(/[a-f]/g, '3')}${i}00` } : { email: `nobody${i}.${tag}@example.com` }),
      );
    }
    for (const r of [...known, ...unknown]) {
      expect(r.status).toBe(202);
      expect(r.body).toEqual({ accepted: true, message: 'If an active account matches, a code has been sent to it.' });
    }
    const mk = median(known.map((r) => r.ms));
    const mu = median(unknown.map((r) => r.ms));
    process.stdout.write(`forgot-password medians: known ${mk.toFixed(1)} ms, unknown ${mu.toFixed(1)} ms\n`);
    expect(Math.abs(mk - mu)).toBeLessThan(30);
  });

  it('the code reaches the development mailbox, stored only as a keyed hash, never in the logs', async () => {
    const p = people[0]!;
    const code = await requestCode(p);
    expect(code).toMatch(/^\d{6}$/);
    const [row] = await sql(stack, 'SELECT code_hash FROM password_reset_code WHERE employee_id = ? ORDER BY id DESC LIMIT 1', [p.id]);
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    const all = await sql(stack, 'SELECT * FROM dev_mailbox');
    expect(JSON.stringify(all.map((r) => r.recipient))).not.toContain('nobody');
    // Give the logs a moment to flush the lines written around the sending.
    await new Promise((r) => setImmediate(r));
    expect(containsNumber(stack.logs(), code)).toBe(false);
  });

  it('rate limits per e-mail/phone answer 4290 alike for a known and an unknown account', async () => {
    const knownPhone = { phone: people[3]!.phone };
    const unknownEmail = { email: `ghost.${tag}@example.com` };
    const answers: Array<[HttpResult, HttpResult]> = [];
    for (let i = 0; i < 4; i++) answers.push([await forgot(knownPhone), await forgot(unknownEmail)]);
    expect(answers.map(([k, u]) => [k.status, u.status])).toEqual([
      [202, 202],
      [202, 202],
      [202, 202],
      [429, 429],
    ]);
    expect(answers[3]![0].body).toEqual({ code: 4290, message: 'too many password reset requests; try again later' });
    expect(answers[3]![1].body).toEqual(answers[3]![0].body);
    // The same identifier written differently counts as the same.
    expect((await forgot({ email: `  GHOST.${tag.toUpperCase()}@Example.com ` })).status).toBe(429);
  });

  it('refuses malformed requests with 4220', async () => {
    expect((await forgot({})).body.code).toBe(4220);
    expect((await forgot({ email: 'a@b.c', phone: '+8613800000000' })).body.code).toBe(4220);
    expect((await forgot({ email: 'not an address' })).body.code).toBe(4220);
    expect((await forgot({ email: 'x@y.z', extra: 1 })).body.code).toBe(4220);
  });
});

describe('reset with the code', () => {
  it('policy and history apply, then the new password works, the old one and the code stop working, sessions end', async () => {
    const p = people[1]!;
    const code = await requestCode(p);
    const token = (await login(stack, p.id, p.password)).body.accessToken as string;
    expect(token).toEqual(expect.any(String));
    const versionBefore = (await employeeRow(stack, p.id)).session_version;

    const weak = await reset({ email: p.email, code, newPassword: 'Password2024!!' });
    expect(weak.status).toBe(422);
    expect(weak.body.details[0].reasons).toContain('is a commonly used password');
    const reused = await reset({ email: p.email, code, newPassword: p.password });
    expect(reused.status).toBe(422);
    expect(reused.body.details).toEqual([{ field: 'newPassword', reasons: ['must not be one of the last 5 passwords'] }]);

    const next = `brand new ${randomBytes(6).toString('hex')} secret`;
    const ok = await reset({ email: p.email, code, newPassword: next });
    expect(ok.status).toBe(204);
    expect((await employeeRow(stack, p.id)).session_version).toBe(versionBefore + 1);
    expect((await login(stack, p.id, p.password)).body).toEqual({ code: 4002, message: 'invalid credentials' });
    expect((await login(stack, p.id, next)).status).toBe(200);
    // Single use.
    expect((await reset({ email: p.email, code, newPassword: `another ${randomBytes(6).toString('hex')} one` })).body.code).toBe(4002);
    expect(containsNumber(stack.logs(), code)).toBe(false);
    expect(stack.logs()).not.toContain(next);
    p.password = next;
  });

  it('a wrong code, an unknown account and a burnt code answer the same 4002; 5 wrong attempts burn the code', async () => {
    const p = people[2]!;
    const code = await requestCode(p, { phone: p.phone });
    const wrong = code === '000000' ? '000001' : '000000';
    const unknownAnswer = await reset({
      email: `nobody.${tag}@example.com`,
      code,
      newPassword: `whatever ${randomBytes(6).toString('hex')} x`,
    });
    const wrongAnswers: HttpResult[] = [];
    for (let i = 0; i < 5; i++)
      wrongAnswers.push(await reset({ phone: p.phone, code: wrong, newPassword: `whatever ${randomBytes(6).toString('hex')} x` }));
    const burnt = await reset({ phone: p.phone, code, newPassword: `whatever ${randomBytes(6).toString('hex')} x` });
    for (const r of [unknownAnswer, ...wrongAnswers, burnt]) {
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ code: 4002, message: 'invalid credentials' });
    }
    expect((await login(stack, p.id, p.password)).status).toBe(200);
  });

  it('an expired code is refused', async () => {
    const p = people[2]!;
    const code = await requestCode(p, { email: p.email });
    await sql(stack, 'UPDATE password_reset_code SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE employee_id = ?', [p.id]);
    expect((await reset({ email: p.email, code, newPassword: `later ${randomBytes(6).toString('hex')} too` })).body.code).toBe(4002);
  });

  it('a reset clears a lockout', async () => {
    const p = people[0]!;
    for (let i = 0; i < 3; i++) await login(stack, p.id, `wrong ${i} guess passphrase`);
    expect((await login(stack, p.id, p.password)).body.code).toBe(4002);
    const code = await requestCode(p, { phone: p.phone });
    const next = `unlocked ${randomBytes(6).toString('hex')} again`;
    expect((await reset({ phone: p.phone, code, newPassword: next })).status).toBe(204);
    expect((await login(stack, p.id, next)).status).toBe(200);
  });

  it('does not bypass two-factor authentication: an enrolled employee needs a TOTP code too', async () => {
    const p = people[3]!;
    const enrol = await postJson(stack, '/auth/2fa/enroll', { employeeId: p.id, password: p.password });
    const step = timeStep(Date.now());
    expect(
      (await postJson(stack, '/auth/2fa/confirm', { employeeId: p.id, password: p.password, code: totpAt(enrol.body.secret, step) }))
        .status,
    ).toBe(200);
    const code = await requestCode(p, { email: p.email });
    const next = `second factor ${randomBytes(6).toString('hex')} kept`;
    const missing = await reset({ email: p.email, code, newPassword: next });
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe(4010);
    expect((await reset({ email: p.email, code, newPassword: next, totp: totpAt(enrol.body.secret, step + 1) })).status).toBe(204);
    // The new password is in place and the second factor is still on.
    expect((await login(stack, p.id, next)).body.code).toBe(4010);
  });

  it('a disabled account gets no code (and the same 202)', async () => {
    const password = `departed ${randomBytes(6).toString('hex')} phrase`;
    const email = `departed.${tag}@example.com`;
    const id = await createEmployee(stack, 'Departed Person', password, { email });
    await sql(stack, "UPDATE employee SET status = 'disabled' WHERE employee_id = ?", [id]);
    const r = await forgot({ email });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: true, message: 'If an active account matches, a code has been sent to it.' });
    // The queue is serial: once a later request's code is out, the disabled one has been handled.
    await requestCode(people[0]!, { email: people[0]!.email });
    expect(await mailboxCount(id)).toBe(0);
  });
});
