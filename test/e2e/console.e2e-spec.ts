import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { RawClient } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * The operator console in headless Chromium at 1366×768, as an operator uses it: sign in (CORS
 * call to auth), filter the call log, page forward and back, open a call, acknowledge an alert,
 * export. The page must log no errors.
 */

jest.setTimeout(180_000);

const PING = 'service.system.ping.v1';
let stack: Stack;
let client: RawClient;
let token: string;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

/** Waits until the element's text satisfies `ok` (Playwright's own matchers are not Jest's). */
async function textOf(what: string, locator: Locator, ok: (text: string) => boolean): Promise<string> {
  return until(what, async () => (await locator.textContent()) ?? '', ok);
}

async function api(path: string): Promise<any> {
  const res = await fetch(`${stack.url('audit')}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return res.json();
}

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'service', 'audit'], env: { CALLER_MAX_FAILURES: '100' } });
  client = await RawClient.connect();
  const pw = await stack.createCaller('CONSOLE-PARTNER', [PING]);
  // 25 calls: two pages of 20 and 5.
  for (let i = 0; i < 25; i++)
    expect(
      (await client.call(stack.queue('service'), PING, { caller: 'CONSOLE-PARTNER', password: pw, requestId: `console-${i}` })).response
        ?.code,
    ).toBe(0);
  for (let i = 0; i < 5; i++)
    expect((await client.call(stack.queue('service'), PING, { caller: 'INTRUDER', password: `guess-${i}` })).err?.code).toBe(4002);
  token = await stack.adminToken();
  await until(
    'calls and the alert stored',
    async () => ({
      calls: (await api('/audit/calls?caller=CONSOLE-PARTNER&limit=100')).items.length,
      alerts: (await api('/audit/alerts?rule=auth-failures')).items.length,
    }),
    (v) => v.calls === 25 && v.alerts === 1,
    30_000,
  );

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('operator console', () => {
  it('is served with a Content-Security-Policy that forbids inline script', async () => {
    const res = await fetch(`${stack.url('audit')}/console`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await res.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect((await fetch(`${stack.url('audit')}/console/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('signs in with the employee ID and password (the token is not kept in localStorage)', async () => {
    const { employeeId, password } = await stack.adminCredentials();
    await page.goto(`${stack.url('audit')}/console`);
    await page.getByLabel('Employee ID', { exact: true }).fill(employeeId);
    await page.getByLabel('Password', { exact: true }).fill('wrong password for sure');
    await page.keyboard.press('Enter');
    await textOf('the login error', page.locator('#message'), (t) => t === 'Employee ID or password is wrong.');
    consoleErrors.length = 0; // the refused login's 401 is logged by the browser itself
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.keyboard.press('Enter');
    await page.getByText(`Signed in as ${employeeId}`).waitFor();
    expect(await page.evaluate('Object.keys(localStorage).length')).toBe(0);
    expect(await page.evaluate('Object.keys(sessionStorage)')).toEqual(['crm.console.session']);
  });

  it('filters the call log by caller and pages forward and back', async () => {
    const view = page.locator('#view-calls');
    await view.locator('[name="caller"]').fill('CONSOLE-PARTNER');
    await view.locator('[name="limit"]').selectOption('20');
    await view.getByRole('button', { name: 'Search' }).click();
    const rows = page.locator('#calls-results tbody tr');
    await until(
      'first page',
      () => rows.count(),
      (n) => n === 20,
    );
    const firstPageTop = await rows.first().textContent();
    expect(await page.locator('#calls-results tbody').textContent()).not.toContain('INTRUDER');
    await page.getByRole('button', { name: 'Next page of the call log' }).click();
    await until(
      'second page',
      () => rows.count(),
      (n) => n === 5,
    );
    await textOf('page 2', page.locator('#calls-pager .where'), (t) => t === 'page 2');
    expect(await page.getByRole('button', { name: 'Next page of the call log' }).isDisabled()).toBe(true);
    // Keyboard: focus stays on the pager, Enter goes back.
    await page.getByRole('button', { name: 'Previous page of the call log' }).focus();
    await page.keyboard.press('Enter');
    await until(
      'back on page 1',
      () => rows.count(),
      (n) => n === 20,
    );
    expect(await rows.first().textContent()).toBe(firstPageTop);
  });

  it('opens one call with everything recorded about it', async () => {
    await page
      .locator('#calls-results tbody tr')
      .first()
      .getByRole('button', { name: /Open call/ })
      .click();
    const detail = page.locator('#call-detail');
    await detail.waitFor({ state: 'visible' });
    await textOf('the call fields', detail.locator('dl'), (t) => t.includes('CONSOLE-PARTNER'));
    expect(await detail.locator('dl').textContent()).toContain(PING);
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('call-detail-title');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
  });

  it('shows the alert and acknowledges it, which lands in the operation log', async () => {
    await page.getByRole('tab', { name: /Alerts/ }).click();
    const row = page.locator('#alerts-results tbody tr', { hasText: 'INTRUDER' });
    await row.waitFor();
    expect(await row.textContent()).toContain('auth-failures');
    await row.getByRole('textbox').fill('checked with the partner');
    await row.getByRole('button', { name: /Acknowledge/ }).click();
    await textOf('the ack notice', page.locator('#message'), (t) => t.includes('Alert acknowledged'));
    const [alert] = (await api('/audit/alerts?rule=auth-failures')).items;
    expect(alert).toMatchObject({ status: 'acknowledged', note: 'checked with the partner' });
    await until(
      'the ack in the operation log',
      async () => (await api(`/audit/operations?entity=alert&entityId=${alert.id}`)).items,
      (i: any[]) => i.length === 1,
    );
    // The console's own queries are recorded too.
    const queries = (await api('/audit/operations?entity=call-log&action=query&limit=100')).items as any[];
    expect(queries.some((q) => q.changes.some((c: any) => c.field === 'caller' && c.new === 'CONSOLE-PARTNER'))).toBe(true);
  });

  it('logged no errors in the browser', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('starts an export and saves the file (needs GET /audit/export)', async () => {
    await page.getByRole('tab', { name: 'Export' }).click();
    const view = page.locator('#view-export');
    const yesterday = new Date(Date.now() - 86_400_000);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
    await view.locator('[name="from"]').fill(local(yesterday));
    await view.locator('[name="to"]').fill(local(tomorrow));
    await view.locator('[name="format"]').selectOption('ndjson');
    const downloaded = page.waitForEvent('download', { timeout: 30_000 });
    await view.getByRole('button', { name: 'Export and save' }).click();
    // Either the file arrives or the console says why not (fail with its words, not a timeout).
    const error = page.locator('#message:not(.info)');
    const refused = until(
      'an error message',
      async () => ((await error.isVisible()) ? await error.textContent() : null),
      (t) => !!t,
      30_000,
    ).catch(() => null);
    const outcome = await Promise.race([downloaded, refused]);
    if (outcome === null || typeof outcome === 'string') throw new Error(`the console could not export: ${outcome}`);
    const file = await outcome.path();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(30);
    expect(JSON.parse(lines[0])).toHaveProperty('pattern');
    expect(consoleErrors).toEqual([]);
  });
});
