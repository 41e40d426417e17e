import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { RawClient } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * The operator console in headless Chromium, as an operator uses it, at 1366×768 and 1024×768:
 * sign in (CORS call to auth), the call log with presets, histogram, sorting, filters and the call
 * in a side panel with every leg of its trace, auto-refresh, one time zone for everything, the
 * operation log without the operator's own reads, alerts, export. Each screenshot (saved to
 * CONSOLE_SCREENSHOTS, default var/console-screenshots) is checked from the bounding boxes of what it
 * shows, not its pixels: everything on screen, the page's regions and the filter's controls not
 * overlapping, enough rows fully visible. The page must log no errors (a CSP violation would be one).
 */

jest.setTimeout(300_000);

const PING = 'service.system.ping.v1';
const DISPATCH = 'service.workorder.dispatch.v1';
const VERIFY = 'auth.caller.verify.v1';
const SHOTS = process.env.CONSOLE_SCREENSHOTS ?? join(process.cwd(), 'var', 'console-screenshots');
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
let stack: Stack;
let client: RawClient;
let partnerPassword: string;
let token: string;
let adminId: string;
/** The partner's dispatch: its request ID and the trace it was sent in (traceparent, as EOMS sends it). */
const dispatch = { requestId: `eoms-${randomUUID()}`, traceId: randomBytes(16).toString('hex') };
let browser: Browser;
let wide: BrowserContext;
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

const ping = (requestId: string) =>
  client.call(stack.queue('service'), PING, { caller: 'CONSOLE-PARTNER', password: partnerPassword, requestId });

async function intrude(from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++)
    expect((await client.call(stack.queue('service'), PING, { caller: 'INTRUDER', password: `guess-${i}` })).err?.code).toBe(4002);
}

function watch(p: Page): Page {
  p.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  p.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  return p;
}

async function signIn(p: Page, password?: string): Promise<void> {
  const credentials = await stack.adminCredentials();
  await p.getByLabel('Employee ID', { exact: true }).fill(credentials.employeeId);
  await p.getByLabel('Password', { exact: true }).fill(password ?? credentials.password);
  await p.keyboard.press('Enter');
}

/** The call log's rows as shown: one text per column. */
async function rowCells(p: Page): Promise<string[][]> {
  return p.$$eval('#calls-results tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

async function columnIndex(p: Page, title: RegExp): Promise<number> {
  const titles = await p.$$eval('#calls-results thead th', (ths) => ths.map((th) => th.textContent ?? ''));
  const i = titles.findIndex((t) => title.test(t));
  if (i < 0) throw new Error(`no column ${title} in ${titles.join(' | ')}`);
  return i;
}

/** Waits for the call log to show rows after an action that reloads it. */
async function rowsAfter(p: Page, action: () => Promise<unknown>, ok: (rows: string[][]) => boolean = (r) => r.length > 0) {
  // The list is replaced whole on every load: wait until the table shown before is gone.
  const before = await p.$('#calls-results table');
  await action();
  return until(
    'the call log reloaded',
    async () => ((await before?.evaluate((t: any) => t.isConnected as boolean)) ? null : await rowCells(p)),
    (rows) => rows !== null && ok(rows),
  ) as Promise<string[][]>;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What the layout checks read from the page: boxes, rows fully visible, overflow. */
async function layout(p: Page) {
  return p.evaluate(
    ([regions, controls]) => {
      // Runs in the page (the tests compile without the DOM library).
      const { document, innerWidth, innerHeight } = globalThis as any;
      const box = (el: any): Box | null => {
        if (!el || el.getClientRects().length === 0) return null;
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      };
      const results = document.querySelector('#calls-results')!;
      const area = results.getBoundingClientRect();
      const head = results.querySelector('thead')?.getBoundingClientRect();
      const rows = [...results.querySelectorAll('tbody tr')].map((tr: any) => tr.getBoundingClientRect());
      const visibleRows = rows.filter(
        (r) => r.top >= (head?.bottom ?? area.top) - 1 && r.bottom <= Math.min(area.bottom, innerHeight) + 1,
      ).length;
      // Everything that is shown outside the scrolling table must be on screen.
      const shown = [
        ...document.querySelectorAll(
          'header.top *, .tabs button, #calls-filter label, #calls-filter button, #calls-histogram, #calls-results, #calls-pager button, #call-detail, #call-detail-close',
        ),
      ]
        .map((el: any) => ({ what: el.id || el.className || el.tagName, box: box(el) }))
        .filter((e) => e.box !== null);
      return {
        viewport: { width: innerWidth, height: innerHeight },
        visibleRows,
        rowHeight: rows.length ? rows[0].height : 0,
        pageOverflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        pageOverflowY: document.documentElement.scrollHeight - document.documentElement.clientHeight,
        tableOverflowX: results.scrollWidth - results.clientWidth,
        offScreen: shown.filter(
          (e) => e.box!.left < 0 || e.box!.top < 0 || e.box!.right > innerWidth + 0.5 || e.box!.bottom > innerHeight + 0.5,
        ),
        results: box(results)!,
        detail: box(document.querySelector('#call-detail')),
        selected: document.querySelectorAll('#calls-results tbody tr.selected[aria-selected="true"]').length,
        overlaps: [...overlapping('header.top > h1, #who'), ...overlapping('#who > *'), ...overlapping(regions), ...overlapping(controls)],
      };

      /** Pairs of the elements (shown ones) whose boxes intersect by more than a pixel. */
      function overlapping(selector: string): string[] {
        const els = [...document.querySelectorAll(selector)]
          .map((el: any) => ({
            what: el.id || el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 20) || el.tagName,
            b: box(el),
          }))
          .filter((e) => e.b !== null && e.b.right - e.b.left > 0 && e.b.bottom - e.b.top > 0);
        const out: string[] = [];
        for (let i = 0; i < els.length; i++)
          for (let j = i + 1; j < els.length; j++) {
            const a = els[i]!.b!;
            const b = els[j]!.b!;
            const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (x > 1 && y > 1) out.push(`${els[i]!.what} × ${els[j]!.what}`);
          }
        return out;
      }
    },
    [REGIONS, CONTROLS],
  );
}

/** The call view's regions, top to bottom (the panel beside the table). */
const REGIONS = 'header.top, nav.tabs, #calls-filter, #view-calls .histogram-box, #calls-results, #call-detail, #view-calls .footer';
/** The filter's controls: presets, range, toggle, fields, actions. */
const CONTROLS = '#calls-filter .presets button, #calls-filter .bar > label, #calls-filter .fields-grid > *';

async function expectTidy(p: Page, minRows: number) {
  const l = await layout(p);
  expect(l.offScreen).toEqual([]);
  expect(l.overlaps).toEqual([]);
  expect(l.pageOverflowX).toBeLessThanOrEqual(0);
  expect(l.pageOverflowY).toBeLessThanOrEqual(0);
  expect(l.tableOverflowX).toBeLessThanOrEqual(0);
  expect(l.visibleRows).toBeGreaterThanOrEqual(minRows);
  return l;
}

/** The detail panel stands beside the table, top-aligned, on screen, and its row is highlighted. */
function expectBeside(l: Awaited<ReturnType<typeof layout>>) {
  expect(l.detail).not.toBeNull();
  expect(l.detail!.left).toBeGreaterThanOrEqual(l.results.right - 1);
  expect(Math.abs(l.detail!.top - l.results.top)).toBeLessThanOrEqual(2);
  expect(l.detail!.right).toBeLessThanOrEqual(l.viewport.width);
  expect(l.detail!.bottom).toBeLessThanOrEqual(l.viewport.height);
  expect(l.results.right - l.results.left).toBeGreaterThan(l.viewport.width * 0.4);
  expect(l.selected).toBe(1);
}

const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, name) });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await Stack.start({ apps: ['auth', 'service', 'audit'], env: { CALLER_MAX_FAILURES: '100' } });
  client = await RawClient.connect();
  partnerPassword = await stack.createCaller('CONSOLE-PARTNER', [PING]);
  // EOMS's first call: its credential check misses the cache, so auth is asked (a leg of its own).
  const eomsPassword = await stack.createCaller('EOMS', [DISPATCH]);
  const orderNo = `CONSOLE-${Date.now()}`;
  const dispatched = await client.sendRaw(
    stack.queue('service'),
    JSON.stringify({
      pattern: DISPATCH,
      id: randomUUID(),
      data: {
        caller: 'EOMS',
        password: eomsPassword,
        requestId: dispatch.requestId,
        payload: {
          orderNo,
          type: 'fault',
          title: 'No dial tone',
          description: 'since 08:00',
          priority: 'high',
          customer: { accountNo: `ACC-${orderNo}`, name: 'Li Lei', phone: '+86 138 0000 0000' },
          deadline: '2026-12-01T12:00:00Z',
          dispatchedAt: '2026-11-23T08:00:00Z',
        },
      },
    }),
    15_000,
    { headers: { traceparent: `00-${dispatch.traceId}-${randomBytes(8).toString('hex')}-01` } },
  );
  expect(dispatched.response?.code).toBe(0);
  for (let i = 0; i < 47; i++) expect((await ping(`console-${i}`)).response?.code).toBe(0);
  token = await stack.adminToken();
  adminId = (await stack.adminCredentials()).employeeId;
  // Five failures raise the alert; a sixth joins it later (the title must follow the count).
  await intrude(0, 5);
  await until(
    'calls and the alert stored',
    async () => ({
      calls: (await api('/audit/calls?caller=CONSOLE-PARTNER&limit=100')).items.length,
      alerts: (await api('/audit/alerts?rule=auth-failures')).items.length,
      // The dispatch at service, the credential check it made and auth's side of that check.
      legs: (await api(`/audit/calls?traceId=${dispatch.traceId}`)).items.length,
    }),
    (v) => v.calls === 47 && v.alerts === 1 && v.legs >= 3,
    30_000,
  );
  await intrude(5, 6);
  await until(
    'the sixth failure counted',
    async () => (await api('/audit/alerts?rule=auth-failures')).items[0].occurrences,
    (n) => n === 2,
    30_000,
  );

  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: LAUNCH_ARGS });
  // A zone far from UTC, so that local and UTC times differ.
  wide = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, timezoneId: 'Asia/Shanghai' });
  page = watch(await wide.newPage());
}, 480_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('operator console at 1366×768', () => {
  it('is served with a Content-Security-Policy that forbids inline script, and has a favicon', async () => {
    const res = await fetch(`${stack.url('audit')}/console`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await res.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect((await fetch(`${stack.url('audit')}/console/..%2F..%2Fpackage.json`)).status).toBe(404);
    const icon = await fetch(`${stack.url('audit')}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/x-icon');
    expect([...new Uint8Array(await icon.arrayBuffer()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect((await fetch(`${stack.url('audit')}/console/favicon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('offers no Sign out before sign-in', async () => {
    await page.goto(`${stack.url('audit')}/console`);
    await page.getByLabel('Employee ID', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(false);
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/console/favicon.svg');
  });

  it('signs in with the employee ID and password (the token is not kept in localStorage)', async () => {
    await signIn(page, 'wrong password for sure');
    await textOf('the login error', page.locator('#message'), (t) => t === 'Employee ID or password is wrong.');
    consoleErrors.length = 0; // the refused login's 401 is logged by the browser itself
    await signIn(page);
    await page.getByText(`Signed in as ${adminId}`).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    expect(await page.evaluate('Object.keys(localStorage).length')).toBe(0);
    expect(await page.evaluate('Object.keys(sessionStorage)')).toContain('crm.console.session');
  });

  it('fits at least 20 compact rows, with nothing off screen and no horizontal scrolling', async () => {
    await until(
      'the first page',
      async () => (await rowCells(page)).length,
      (n) => n >= 40,
    );
    await until(
      'the histogram',
      () => page.locator('#calls-histogram .bar').count(),
      (n) => n > 0,
    );
    await shot(page, 'calls-1366x768.png');
    const l = await expectTidy(page, 20);
    expect(l.rowHeight).toBeLessThanOrEqual(24);
  });

  it('hides the internal crm-* calls by default and shows them with the toggle', async () => {
    const caller = await columnIndex(page, /^Caller/);
    expect((await rowCells(page)).filter((r) => r[caller].startsWith('crm-'))).toEqual([]);
    const withInternal = await rowsAfter(
      page,
      () => page.getByLabel(/Internal calls/).check(),
      (rows) => rows.some((r) => r[caller].startsWith('crm-')),
    );
    expect(withInternal.some((r) => r[caller] === 'crm-audit')).toBe(true);
    await rowsAfter(page, () => page.getByLabel(/Internal calls/).uncheck());
  });

  it('searches the pattern by prefix', async () => {
    const pattern = await columnIndex(page, /^Pattern/);
    const form = page.locator('#calls-filter');
    await form.locator('[name="pattern"]').fill('service.system');
    const rows = await rowsAfter(page, () => form.getByRole('button', { name: 'Search' }).click());
    expect(rows.every((r) => r[pattern].startsWith('service.system.'))).toBe(true);
    await form.locator('[name="pattern"]').fill('');
    await rowsAfter(page, () => form.getByRole('button', { name: 'Search' }).click());
  });

  it('sets the range from a preset, draws the histogram and zooms into a bar', async () => {
    const form = page.locator('#calls-filter');
    await rowsAfter(page, () => form.getByRole('button', { name: '1 h' }).click());
    expect(await form.getByRole('button', { name: '1 h' }).getAttribute('aria-pressed')).toBe('true');
    const from = Date.parse(`${await form.locator('[name="from"]').inputValue()}Z`);
    expect(Math.abs(from - (Date.now() - 3_600_000))).toBeLessThan(15_000);
    const bars = page.locator('#calls-histogram .bar');
    // As many bars as the width allows (20–120), each a readable width: 1 h in 30 s or 1 min bars.
    await until(
      'the histogram',
      () => bars.count(),
      (n) => n >= 20,
    );
    const perBar = /(\d+) (s|min) per bar/.exec((await page.locator('#calls-total').textContent()) ?? '');
    const barMs = Number(perBar?.[1]) * (perBar?.[2] === 'min' ? 60_000 : 1000);
    expect([30_000, 60_000]).toContain(barMs);
    expect(await bars.count()).toBeLessThanOrEqual(3_600_000 / barMs + 1);
    const labels = await bars.evaluateAll((b) => b.map((x) => x.getAttribute('aria-label') ?? ''));
    const counts = labels.map((t) => Number(/: (\d+) calls/.exec(t)?.[1] ?? NaN));
    const total = counts.reduce((a, b) => a + b, 0);
    expect(await page.locator('#calls-total').textContent()).toMatch(new RegExp(`^${total} calls`));
    const busiest = counts.indexOf(Math.max(...counts));
    const rows = await rowsAfter(page, () => bars.nth(busiest).click());
    expect(await form.locator('[aria-pressed="true"]').count()).toBe(0);
    const zoomFrom = Date.parse(`${await form.locator('[name="from"]').inputValue()}Z`);
    const zoomTo = Date.parse(`${await form.locator('[name="to"]').inputValue()}Z`);
    expect(zoomTo - zoomFrom).toBe(barMs);
    const time = await columnIndex(page, /^Time/);
    for (const r of rows) {
      const at = Date.parse(`${r[time].replace(' ', 'T')}Z`);
      expect(at).toBeGreaterThanOrEqual(zoomFrom);
      expect(at).toBeLessThan(zoomTo);
    }
    await rowsAfter(page, () => form.getByRole('button', { name: '24 h' }).click());
  });

  it('sorts on the server by a column header, both ways', async () => {
    const ms = await columnIndex(page, /^ms/);
    const header = page.locator('#calls-results th', { hasText: /^ms/ });
    const desc = (await rowsAfter(page, () => header.getByRole('button').click())).map((r) => Number(r[ms]));
    expect(await page.locator('#calls-results th[aria-sort]').textContent()).toMatch(/^ms/);
    expect(await page.locator('#calls-results th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const asc = (await rowsAfter(page, () => page.locator('#calls-results th', { hasText: /^ms/ }).getByRole('button').click())).map((r) =>
      Number(r[ms]),
    );
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(asc[0]).toBeLessThanOrEqual(desc.at(-1)!);
    await rowsAfter(page, () => page.locator('#calls-results th', { hasText: /^Time/ }).getByRole('button').click());
    expect(await page.locator('#calls-results th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
  });

  it('opens a call in a panel beside its highlighted row; arrows move it, Esc closes it', async () => {
    const rows = page.locator('#calls-results tbody tr');
    await rows.nth(2).click();
    const detail = page.locator('#call-detail');
    await detail.waitFor({ state: 'visible' });
    await textOf('the call fields', detail.locator('dl'), (t) => t.includes('CONSOLE-PARTNER') || t.includes('INTRUDER'));
    expect(await rows.nth(2).getAttribute('class')).toContain('selected');
    await shot(page, 'calls-detail-1366x768.png');
    expectBeside(await expectTidy(page, 20));
    const firstId = await rows.nth(2).getAttribute('data-id');
    await rows.nth(2).getByRole('button').focus();
    await page.keyboard.press('ArrowDown');
    await until(
      'the next row selected',
      () => rows.nth(3).getAttribute('class'),
      (c) => (c ?? '').includes('selected'),
    );
    expect(await rows.nth(2).getAttribute('class')).not.toContain('selected');
    await textOf('the panel follows', detail.locator('dl'), (t) => !t.includes(firstId!));
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    expect(await page.locator('#calls-results tbody tr.selected').count()).toBe(0);
  });

  it('shows a partner’s dispatch with its credential-check leg at auth under the same trace', async () => {
    const form = page.locator('#calls-filter');
    await form.locator('[name="requestId"]').fill(dispatch.requestId);
    // Internal calls stay hidden: only the partner's call is listed (its legs have request IDs of their own).
    const rows = await rowsAfter(
      page,
      () => form.getByRole('button', { name: 'Search' }).click(),
      (r) => r.length === 1,
    );
    expect(rows[0]![await columnIndex(page, /^Pattern/)]).toBe(DISPATCH);
    expect(rows[0]![await columnIndex(page, /^Caller/)]).toBe('EOMS');
    await page.locator('#calls-results tbody tr').first().getByRole('button').click();
    const detail = page.locator('#call-detail');
    const field = (name: string) =>
      detail
        .locator('dl > div', { has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) })
        .locator('dd')
        .textContent();
    await until(
      'the dispatch opened',
      () => field('Request ID'),
      (t) => t === dispatch.requestId,
    );
    expect(await page.locator('#call-detail-legs-count').textContent()).toMatch(/^\(\d+, by trace ID\)$/);
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('call-detail-title');
    expect(await field('Trace ID')).toBe(dispatch.traceId);
    const legs = () =>
      page.$$eval('#call-detail-legs tbody tr', (trs) =>
        trs.map((tr) => ({
          current: tr.classList.contains('current'),
          pattern: tr.querySelector('td.call .mono')?.textContent ?? '',
          where: tr.querySelector('td.call .hint')?.textContent ?? '',
          depth: Number(/depth-(\d)/.exec(tr.querySelector('td.call .leg')?.className ?? '')?.[1]),
        })),
      );
    const shown = await legs();
    // The dispatch (this call), the check service made and the check auth answered, each under its cause.
    expect(shown).toEqual(
      expect.arrayContaining([
        { current: true, pattern: DISPATCH, where: 'in at service: EOMS → service', depth: 0 },
        { current: false, pattern: VERIFY, where: 'out of service: crm-service → auth', depth: 1 },
        { current: false, pattern: VERIFY, where: 'in at auth: crm-service → auth', depth: 2 },
      ]),
    );
    await shot(page, 'call-trace-1366x768.png');
    expectBeside(await expectTidy(page, 1));
    // Opening auth's leg moves the panel to it: the same trace, the same legs, its own request ID.
    await page.locator('#call-detail-legs tbody tr', { hasText: 'in at auth' }).click();
    await textOf('auth’s leg opened', page.locator('#call-detail-title'), (t) => t === VERIFY);
    expect(await field('Trace ID')).toBe(dispatch.traceId);
    expect(await field('Request ID')).not.toBe(dispatch.requestId);
    expect((await legs()).length).toBe(shown.length);
    expect((await legs()).find((l) => l.current)).toMatchObject({ pattern: VERIFY, where: 'in at auth: crm-service → auth' });
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    await form.locator('[name="requestId"]').fill('');
    await rowsAfter(page, () => form.getByRole('button', { name: 'Search' }).click());
  });

  it('refreshes on its own when asked to', async () => {
    await page.locator('#calls-refresh').selectOption('15');
    expect((await ping('console-late')).response?.code).toBe(0);
    const req = await columnIndex(page, /^Request ID/);
    await until(
      'the new call listed without a click',
      rowCells.bind(null, page),
      (rows) => rows.some((r) => r[req] === 'console-late'),
      40_000,
    );
    await page.locator('#calls-refresh').selectOption('0');
  });

  it('shows every time, and reads every date input, in one zone: UTC or local', async () => {
    const time = await columnIndex(page, /^Time/);
    const utcText = (await rowCells(page))[0][time];
    const utcFrom = await page.locator('#calls-filter [name="from"]').inputValue();
    expect(await page.locator('#calls-results thead th').nth(time).textContent()).toMatch(/Time \(UTC\)/);
    await page.getByRole('button', { name: 'Local' }).click();
    await textOf('the local header', page.locator('#calls-results thead th').nth(time), (t) => t.includes('local, UTC+08:00'));
    const localText = (await rowCells(page))[0][time];
    const shift = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);
    expect(shift(localText) - shift(utcText)).toBe(8 * 3_600_000);
    const localFrom = await page.locator('#calls-filter [name="from"]').inputValue();
    expect(Date.parse(`${localFrom}Z`) - Date.parse(`${utcFrom}Z`)).toBe(8 * 3_600_000);
    expect(await page.locator('#calls-filter .zone-name').first().textContent()).toBe('local, UTC+08:00');
    // A range typed in local time is sent as that instant.
    await page.locator('#calls-filter [name="from"]').fill(localFrom);
    const sent = page.waitForRequest((r) => r.url().includes('/audit/calls?'));
    await page.locator('#calls-filter').getByRole('button', { name: 'Search' }).click();
    expect(new URL((await sent).url()).searchParams.get('from')).toBe(new Date(Date.parse(`${utcFrom}Z`)).toISOString());
    await page.getByRole('button', { name: 'UTC', exact: true }).click();
    await textOf('the UTC header', page.locator('#calls-results thead th').nth(time), (t) => t.includes('(UTC)'));
  });

  it('leaves the operator’s own queries and views out of the operation log unless asked', async () => {
    await page.getByRole('tab', { name: 'Operation log' }).click();
    const rows = page.locator('#operations-results tbody tr');
    const own = async () =>
      (await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')))).filter(
        (r) => r[2].startsWith(`${adminId} `) && (r[4] === 'query' || r[4] === 'view'),
      );
    await until(
      'the operation log',
      async () => (await page.locator('#operations-results').textContent()) ?? '',
      (t) => t.length > 0,
    );
    expect(await own()).toEqual([]);
    await page.getByLabel('My own queries and views').check();
    await until('the own reads listed', own, (r) => r.length > 0);
  });

  it('shows the alert with its status, a title that matches its details, and no badge once acknowledged', async () => {
    const badge = page.locator('#open-alerts');
    expect(await badge.textContent()).toBe('1');
    expect(await badge.isVisible()).toBe(true);
    await page.getByRole('tab', { name: /Alerts/ }).click();
    const row = page.locator('#alerts-results tbody tr', { hasText: 'INTRUDER' });
    await row.waitFor();
    const cell = (title: string) =>
      page.evaluate((t) => {
        const { document } = globalThis as any;
        const i = [...document.querySelectorAll('#alerts-results thead th')].findIndex((th: any) => th.textContent?.startsWith(t));
        return (document.querySelector('#alerts-results tbody tr')?.querySelectorAll('td')[i]?.textContent ?? '') as string;
      }, title);
    expect(await cell('Status')).toBe('open');
    expect(await cell('Alert')).toMatch(/^6 failed authentications by caller INTRUDER/);
    expect(await cell('Details')).toContain('failures: 6');
    await row.getByRole('button', { name: /Acknowledge alert/ }).click();
    await row.getByRole('textbox').fill('checked with the partner');
    await row.getByRole('button', { name: /Confirm acknowledging/ }).click();
    await textOf('the ack notice', page.locator('#message'), (t) => t.includes('Alert acknowledged'));
    const [alert] = (await api('/audit/alerts?rule=auth-failures')).items;
    expect(alert).toMatchObject({ status: 'acknowledged', note: 'checked with the partner' });
    await until(
      'the badge gone',
      () => badge.isVisible(),
      (v) => v === false,
    );
    await page.locator('#alerts-filter [name="status"]').selectOption('');
    await page.locator('#alerts-filter').getByRole('button', { name: 'Search' }).click();
    await until(
      'the acknowledged status',
      () => cell('Status'),
      (s) => s === 'acknowledged',
    );
    await until(
      'the ack in the operation log',
      async () => (await api(`/audit/operations?entity=alert&entityId=${alert.id}`)).items,
      (i: any[]) => i.length === 1,
    );
  });

  it('logged no errors in the browser', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('starts an export and saves the file (needs GET /audit/export)', async () => {
    await page.getByRole('tab', { name: 'Export' }).click();
    const view = page.locator('#view-export');
    const utc = (d: Date) => d.toISOString().slice(0, 19);
    await view.locator('[name="from"]').fill(utc(new Date(Date.now() - 86_400_000)));
    await view.locator('[name="to"]').fill(utc(new Date(Date.now() + 86_400_000)));
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
    const lines = (await readFile(await outcome.path(), 'utf8')).trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(50);
    expect(JSON.parse(lines[0])).toHaveProperty('pattern');
    expect(consoleErrors).toEqual([]);
  });
});

describe('operator console at 1024×768', () => {
  let narrow: Page;

  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    narrow = watch(await context.newPage());
    await narrow.goto(`${stack.url('audit')}/console`);
    await signIn(narrow);
    await until(
      'the first page',
      async () => (await rowCells(narrow)).length,
      (n) => n >= 40,
    );
  });

  it('keeps the layout on screen with no horizontal scrolling, the call beside the table', async () => {
    await until(
      'the histogram',
      () => narrow.locator('#calls-histogram .bar').count(),
      (n) => n > 0,
    );
    await shot(narrow, 'calls-1024x768.png');
    await expectTidy(narrow, 16);
    await narrow.locator('#calls-results tbody tr').nth(1).click();
    await narrow.locator('#call-detail').waitFor({ state: 'visible' });
    await textOf('the call fields', narrow.locator('#call-detail dl'), (t) => t.length > 0);
    await shot(narrow, 'calls-detail-1024x768.png');
    expectBeside(await expectTidy(narrow, 16));
    await narrow.getByRole('tab', { name: /Alerts/ }).click();
    // Acknowledged by the test at 1366: shown with status "any".
    await narrow.locator('#alerts-filter [name="status"]').selectOption('');
    await narrow.locator('#alerts-filter').getByRole('button', { name: 'Search' }).click();
    await narrow.locator('#alerts-results tbody tr').first().waitFor();
    await shot(narrow, 'alerts-1024x768.png');
    expect(await narrow.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    expect(consoleErrors).toEqual([]);
  });
});
