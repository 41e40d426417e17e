import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { base32Decode, timeStep, totpAt } from '../support/authenticator.js';
import { createEmployee, employeeRow, login, postJson, sql } from '../support/credentials.js';
import { Stack, waitFor } from '../support/stack.js';

/**
 * Employee credentials end to end (SPEC §3.3): password policy, history, first-login change,
 * initial-password expiry, lockout, TOTP enrolment/replay/recovery codes, per-role enforcement,
 * key rotation of TOTP secrets, and the operation log. Forgot/reset: password-reset.e2e-spec.ts.
 */

jest.setTimeout(90_000);

let stack: Stack;
const secrets: string[] = [];
const pw = (label: string) => {
  const p = `${label} ${randomBytes(6).toString('hex')} passphrase`;
  secrets.push(p);
  return p;
};

beforeAll(async () => {
  stack = await Stack.start({
    apps: ['auth', 'audit'],
    env: {
      LOGIN_MAX_FAILURES: '3',
      PASSWORD_HISTORY: '3',
      PASSWORD_BLOCKLIST_WORDS: 'acme,widgetco',
      TWO_FACTOR_REQUIRED_ROLES: 'auditor',
    },
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const change = (employeeId: string, currentPassword: string, newPassword: string, extra: Record<string, unknown> = {}) =>
  postJson(stack, '/auth/password/change', { employeeId, currentPassword, newPassword, ...extra });

describe('password policy on change', () => {
  let id: string;
  let current: string;
  beforeAll(async () => {
    current = pw('policy');
    id = await createEmployee(stack, 'Policy Person', current);
  });

  it('refuses blocklisted and company-word passwords with 4220 and the reasons', async () => {
    const common = await change(id, current, 'Password2024!!');
    expect(common.status).toBe(422);
    expect(common.body).toEqual({
      code: 4220,
      message: 'password does not meet the policy',
      details: [{ field: 'newPassword', reasons: ['is a commonly used password'] }],
    });
    const company = await change(id, current, 'WidgetCo-2026-acme');
    expect(company.status).toBe(422);
    expect(company.body.details[0].reasons).toContain('is built from a company word');
    expect((await login(stack, id, current)).status).toBe(200);
  });

  it('accepts a 64-character passphrase with spaces and emoji', async () => {
    const phrase = 'the quick brown fox 🦊 jumps over the lazy dog 🐶 at dawn, twice!!';
    expect([...phrase]).toHaveLength(64);
    const r = await change(id, current, phrase);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ employeeId: id, passwordChangedAt: expect.any(String) });
    expect((await login(stack, id, phrase)).status).toBe(200);
    expect((await login(stack, id, current)).status).toBe(401);
    current = phrase;
  });

  it('refuses the current and the recent passwords (PASSWORD_HISTORY=3), accepts an older one', async () => {
    const history = [current, pw('h1'), pw('h2'), pw('h3')];
    for (let i = 1; i < history.length; i++) expect((await change(id, history[i - 1]!, history[i]!)).status).toBe(200);
    current = history[3]!;
    for (const recent of [history[3]!, history[2]!, history[1]!]) {
      const r = await change(id, current, recent);
      expect(r.status).toBe(422);
      expect(r.body.details).toEqual([{ field: 'newPassword', reasons: ['must not be one of the last 3 passwords'] }]);
    }
    // Only 3 are kept: the emoji passphrase fell out of the history.
    const rows = await sql(stack, 'SELECT password_hash FROM employee_password_history WHERE employee_id = ?', [id]);
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect((await change(id, current, history[0]!)).status).toBe(200);
  });
});

describe('first login and initial passwords', () => {
  it('a password that must be changed gives 4030 and no token; after the change login works and other sessions end', async () => {
    const initial = pw('initial');
    const id = await createEmployee(stack, 'New Starter', initial);
    const before = await login(stack, id, initial);
    expect(before.status).toBe(200);
    await sql(
      stack,
      'UPDATE employee SET password_change_required = 1, initial_password_expires_at = NOW(3) + INTERVAL 1 DAY WHERE employee_id = ?',
      [id],
    );

    const refused = await login(stack, id, initial);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      code: 4030,
      message: 'password change required',
      details: [{ field: 'password', reasons: ['change required'] }],
    });
    expect(JSON.stringify(refused.body)).not.toContain('accessToken');
    // Only after the password was verified: a wrong one still gets the plain 4002.
    expect((await login(stack, id, pw('wrong'))).body.code).toBe(4002);

    const versionBefore = (await employeeRow(stack, id)).session_version;
    const next = pw('chosen');
    expect((await change(id, initial, next)).status).toBe(200);
    const row = await employeeRow(stack, id);
    expect(row.password_change_required).toBe(0);
    expect(row.initial_password_expires_at).toBeNull();
    expect(row.session_version).toBe(versionBefore + 1);
    const ok = await login(stack, id, next);
    expect(ok.status).toBe(200);
    expect(ok.body.accessToken).toEqual(expect.any(String));
  });

  it('an initial password past its deadline answers exactly like a bad password, for login and change', async () => {
    const initial = pw('expired');
    const id = await createEmployee(stack, 'Late Starter', initial);
    await sql(
      stack,
      'UPDATE employee SET password_change_required = 1, initial_password_expires_at = NOW(3) - INTERVAL 1 MINUTE WHERE employee_id = ?',
      [id],
    );
    const expired = await login(stack, id, initial);
    const wrong = await login(stack, id, pw('wrong'));
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(wrong.body);
    expect(expired.body).toEqual({ code: 4002, message: 'invalid credentials' });
    expect((await change(id, initial, pw('anything'))).body).toEqual(wrong.body);
  });

  it('a password older than PASSWORD_MAX_AGE_DAYS (default 90) must be changed', async () => {
    const old = pw('aged');
    const id = await createEmployee(stack, 'Old Timer', old);
    await sql(stack, 'UPDATE employee SET password_changed_at = NOW(3) - INTERVAL 91 DAY WHERE employee_id = ?', [id]);
    expect((await login(stack, id, old)).body.code).toBe(4030);
    const next = pw('fresh');
    expect((await change(id, old, next)).status).toBe(200);
    expect((await login(stack, id, next)).status).toBe(200);
  });
});

describe('lockout', () => {
  it('after LOGIN_MAX_FAILURES the right password answers exactly like a wrong one, until a reset or the lock ends', async () => {
    const right = pw('lock');
    const id = await createEmployee(stack, 'Locked Out', right);
    const wrong = [] as Array<{ status: number; body: unknown }>;
    for (let i = 0; i < 3; i++) wrong.push(await login(stack, id, pw('guess')));
    const locked = await login(stack, id, right);
    expect(locked.status).toBe(wrong[0]!.status);
    expect(locked.body).toEqual(wrong[0]!.body);
    expect(locked.body).toEqual({ code: 4002, message: 'invalid credentials' });
    expect((await employeeRow(stack, id)).locked_until).not.toBeNull();
    // Lock over (simulated): the password works again.
    await sql(stack, 'UPDATE employee SET locked_until = NOW(3) - INTERVAL 1 SECOND WHERE employee_id = ?', [id]);
    expect((await login(stack, id, right)).status).toBe(200);
  });
});

/** A right code used a second time (or one older than a code used): 4010 saying so, told apart from a wrong code (4002). */
const alreadyUsed = {
  code: 4010,
  message: 'two-factor code already used',
  details: [{ field: 'totp', reasons: ['already used: each code works once; wait for the next one'] }],
};

describe('two-factor authentication (TOTP)', () => {
  let id: string;
  let password: string;
  let secret: string;
  let recoveryCodes: string[];
  let confirmedStep: number;

  beforeAll(async () => {
    password = pw('totp');
    id = await createEmployee(stack, 'Second Factor', password);
  });

  it('enrolment requires the current password', async () => {
    const r = await postJson(stack, '/auth/2fa/enroll', { employeeId: id, password: pw('not-it') });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ code: 4002, message: 'invalid credentials' });
    expect(await sql(stack, 'SELECT * FROM employee_totp WHERE employee_id = ?', [id])).toHaveLength(0);
  });

  it('enrolment returns the otpauth URI and a QR code; the secret is stored sealed', async () => {
    const r = await postJson(stack, '/auth/2fa/enroll', { employeeId: id, password });
    expect(r.status).toBe(200);
    expect(r.body.otpauthUri).toBe(`otpauth://totp/CRM:${id}?secret=${r.body.secret}&issuer=CRM&algorithm=SHA1&digits=6&period=30`);
    expect(r.body.qrCode).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]{200,}$/);
    secret = r.body.secret;
    secrets.push(secret);
    expect(base32Decode(secret)).toHaveLength(20);
    const [row] = await sql(stack, 'SELECT * FROM employee_totp WHERE employee_id = ?', [id]);
    expect(row.confirmed_at).toBeNull();
    expect(JSON.stringify(row)).not.toContain(secret);
    // Not enforced before confirmation.
    expect((await login(stack, id, password)).status).toBe(200);
  });

  it('confirmation with a first code returns 10 recovery codes, stored hashed', async () => {
    expect((await postJson(stack, '/auth/2fa/confirm', { employeeId: id, password, totp: '000000' })).body).toEqual({
      code: 4002,
      message: 'invalid credentials',
    });
    // Neither name: the code is required.
    expect((await postJson(stack, '/auth/2fa/confirm', { employeeId: id, password })).body).toMatchObject({
      code: 4220,
      details: [{ field: 'totp' }],
    });
    confirmedStep = timeStep(Date.now());
    // `totp`, as at login (`code`, the former name, is still accepted: see the role-required test below).
    const r = await postJson(stack, '/auth/2fa/confirm', { employeeId: id, password, totp: totpAt(secret, confirmedStep) });
    expect(r.status).toBe(200);
    recoveryCodes = r.body.recoveryCodes;
    secrets.push(...recoveryCodes);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = JSON.stringify(await sql(stack, 'SELECT code_hash FROM employee_recovery_code WHERE employee_id = ?', [id]));
    for (const c of recoveryCodes) expect(stored).not.toContain(c.replace(/-/g, ''));
  });

  it('login then needs a code: missing → 4010, wrong → 4002, right → token, the same code again → 4010 "already used"', async () => {
    // What a newcomer meets first: the code just used to confirm does not log in, and says why.
    expect((await login(stack, id, password, { totp: totpAt(secret, confirmedStep) })).body).toEqual(alreadyUsed);
    const missing = await login(stack, id, password);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ code: 4010, message: 'second factor required', details: [{ field: 'totp', reasons: ['required'] }] });
    const wrongCode = totpAt(secret, confirmedStep + 1) === '123456' ? '654321' : '123456';
    expect((await login(stack, id, password, { totp: wrongCode })).body).toEqual({ code: 4002, message: 'invalid credentials' });

    // The confirmation spent the current step; the next step's code is within the ±1 window.
    const code = totpAt(secret, confirmedStep + 1);
    const ok = await login(stack, id, password, { totp: code });
    expect(ok.status).toBe(200);
    expect(ok.body.accessToken).toEqual(expect.any(String));
    const replay = await login(stack, id, password, { totp: code });
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual(alreadyUsed);
    // An earlier step is refused too, even though it is inside the drift window.
    expect((await login(stack, id, password, { totp: totpAt(secret, confirmedStep) })).body).toEqual(alreadyUsed);
  });

  it('a recovery code works once, in `recoveryCode` or in `totp`', async () => {
    expect((await login(stack, id, password, { recoveryCode: recoveryCodes[0]!.toLowerCase() })).status).toBe(200);
    expect((await login(stack, id, password, { recoveryCode: recoveryCodes[0] })).body.code).toBe(4002);
    expect((await login(stack, id, password, { totp: recoveryCodes[1] })).status).toBe(200);
    expect((await login(stack, id, password, { totp: recoveryCodes[1] })).body.code).toBe(4002);
    const rows = await sql(stack, 'SELECT COUNT(*) AS n FROM employee_recovery_code WHERE employee_id = ? AND used_at IS NOT NULL', [id]);
    expect(Number(rows[0].n)).toBe(2);
  });

  it('enrolling again while enabled is refused; password change needs the second factor too', async () => {
    expect((await postJson(stack, '/auth/2fa/enroll', { employeeId: id, password })).body.code).toBe(4090);
    const next = pw('totp-next');
    expect((await change(id, password, next)).body.code).toBe(4010);
    expect((await change(id, password, next, { totp: recoveryCodes[2] })).status).toBe(200);
    password = next;
  });

  it('disabling needs the password and a code (`totp` or `recoveryCode` as at login)', async () => {
    expect(
      (await postJson(stack, '/auth/2fa/disable', { employeeId: id, password: pw('nope'), recoveryCode: recoveryCodes[3] })).body.code,
    ).toBe(4002);
    expect((await postJson(stack, '/auth/2fa/disable', { employeeId: id, password })).body).toMatchObject({ code: 4010 });
    expect((await postJson(stack, '/auth/2fa/disable', { employeeId: id, password, totp: '12345678' })).status).toBe(401);
    const r = await postJson(stack, '/auth/2fa/disable', { employeeId: id, password, recoveryCode: recoveryCodes[3] });
    expect(r.status).toBe(204);
    expect((await login(stack, id, password)).status).toBe(200);
    expect(await sql(stack, 'SELECT * FROM employee_recovery_code WHERE employee_id = ?', [id])).toHaveLength(0);
  });
});

describe('two-factor required by role (TWO_FACTOR_REQUIRED_ROLES=auditor)', () => {
  it('an auditor without TOTP gets 4030 after the password check, enrols with the password alone, then logs in with a code', async () => {
    const password = pw('auditor');
    const id = await createEmployee(stack, 'Required Auditor', password, { roles: ['auditor'] });
    const refused = await login(stack, id, password);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      code: 4030,
      message: 'two-factor enrolment required',
      details: [{ field: 'totp', reasons: ['enrolment required'] }],
    });
    expect((await login(stack, id, pw('wrong'))).body.code).toBe(4002);

    const enrol = await postJson(stack, '/auth/2fa/enroll', { employeeId: id, password });
    expect(enrol.status).toBe(200);
    secrets.push(enrol.body.secret);
    const step = timeStep(Date.now());
    // `code`: the name confirm took before `totp`, still accepted.
    const confirmed = await postJson(stack, '/auth/2fa/confirm', { employeeId: id, password, code: totpAt(enrol.body.secret, step) });
    expect(confirmed.status).toBe(200);
    expect((await login(stack, id, password, { totp: totpAt(enrol.body.secret, step + 1) })).status).toBe(200);
    // The role requires it: it cannot be turned off (4030 comes after the second factor was accepted,
    // here a recovery code in `code`, the name disable took before `totp`).
    expect(
      (await postJson(stack, '/auth/2fa/disable', { employeeId: id, password, code: confirmed.body.recoveryCodes[0] })).body.code,
    ).toBe(4030);
  });
});

describe('operation log and secrecy', () => {
  it('password changes and 2FA changes reach the operation log, masked', async () => {
    const password = pw('oplog');
    const id = await createEmployee(stack, 'Logged Changes', password);
    expect((await change(id, password, pw('oplog-next'))).status).toBe(200);
    const token = await stack.adminToken();
    const items = await waitFor(async () => {
      const res = await fetch(`${stack.url('audit')}/audit/operations?entity=employee&entityId=${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { items: any[] };
      return res.status === 200 && body.items.length >= 1 ? body.items : null;
    });
    expect(items[0]).toMatchObject({
      service: 'auth',
      actorType: 'employee',
      actor: id,
      entity: 'employee',
      entityId: id,
      action: 'password-change',
      changes: [{ field: 'password', old: '***', new: '***' }],
    });
  });

  it('no password, TOTP secret or recovery code appears in any log', () => {
    const logs = stack.logs();
    expect(secrets.length).toBeGreaterThan(10);
    for (const s of secrets) expect(logs).not.toContain(s);
  });
});

describe('master key rotation', () => {
  it('`key rotate` re-seals TOTP secrets; after a restart with the new key, TOTP login still works', async () => {
    const password = pw('rotation');
    const id = await createEmployee(stack, 'Key Rotation', password);
    const enrol = await postJson(stack, '/auth/2fa/enroll', { employeeId: id, password });
    const step = timeStep(Date.now());
    expect((await postJson(stack, '/auth/2fa/confirm', { employeeId: id, password, code: totpAt(enrol.body.secret, step) })).status).toBe(
      200,
    );
    const oldKey = stack.env.CRM_MASTER_KEY!;
    stack.env.CRM_MASTER_KEY = `k2:${randomBytes(32).toString('base64')}`;
    stack.env.CRM_MASTER_KEY_PREVIOUS = oldKey;
    const r = await stack.cli(['key', 'rotate']);
    expect(r.code).toBe(0);
    expect(r.json.keyId).toBe('k2');
    expect(r.json.totpSecrets).toBeGreaterThanOrEqual(2);
    const rows = await sql(stack, 'SELECT DISTINCT key_id FROM employee_totp');
    expect(rows.map((x) => x.key_id)).toEqual(['k2']);
    await stack.killApp('auth', 'SIGTERM');
    delete stack.env.CRM_MASTER_KEY_PREVIOUS;
    await stack.startApp('auth');
    expect((await login(stack, id, password, { totp: totpAt(enrol.body.secret, step + 1) })).status).toBe(200);
  });
});
