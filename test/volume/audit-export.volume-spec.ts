import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import mysql from 'mysql2/promise';
import { generateChainedCalls } from '../support/audit-rows.js';
import { memoryOf, resetPeakMemory } from '../support/proc.js';
import { Stack, waitFor } from '../support/stack.js';

/**
 * A 1,000,000-row export streams in bounded memory, verify checks the same million rows, and a
 * client that disconnects stops the query on the server.
 */

jest.setTimeout(600_000);

const ROWS = 1_000_000;
/**
 * Peak RSS of the audit process during the export, above its resident size just before. The
 * export is ~330 MB of NDJSON; holding it (or the rows as JS objects, several times that) would
 * blow far past this. Streaming keeps a few hundred rows and socket buffers in flight; what
 * remains is garbage the collector has not reclaimed yet.
 */
const MAX_GROWTH_MIB = 120;

let stack: Stack;
let token: string;
/** Rows in the chain before the generated ones: the audit app's own session check of the token. */
let base: number;
const start = Date.UTC(2026, 0, 1);
const RANGE = `from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`;

async function storedCalls(): Promise<number> {
  const db = await stack.db('audit');
  try {
    const [rows] = await db.query<any[]>('SELECT COUNT(*) AS n FROM call_log');
    return Number(rows[0].n);
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  // The token is checked with auth once, then remembered for the whole run (no call events later).
  stack = await Stack.start({ apps: ['auth', 'audit'], env: { LOG_LEVEL: 'warn', ACTOR_CACHE_TTL_SECONDS: '3600' } });
  token = (await stack.employee(['auditor'])).token;
  expect((await fetch(`${stack.url('audit')}/audit/calls?limit=1`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  // That check is itself two calls (audit → auth): stored before the generated rows are chained.
  base = await waitFor(async () => {
    const n = await storedCalls();
    return n >= 2 ? n : null;
  });
  await generateChainedCalls(stack, ROWS, start);
}, 600_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

async function runningExports(): Promise<number> {
  const db = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  try {
    const [rows] = await db.query<any[]>(
      "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = ? AND info LIKE 'SELECT seq, id, at%FROM call_log%'",
      [`${stack.ns}_audit`],
    );
    return Number(rows[0].n);
  } finally {
    await db.end();
  }
}

describe('export of 1,000,000 rows', () => {
  it('completes in bounded memory with every row, oldest first', async () => {
    const pid = stack.pid('audit')!;
    const before = await memoryOf(pid);
    await resetPeakMemory(pid);
    const res = await fetch(`${stack.url('audit')}/audit/export?log=calls&${RANGE}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    let lines = 0;
    let tail = '';
    let firstLine = '';
    let lastLine = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const text = tail + decoder.decode(chunk, { stream: true });
      const parts = text.split('\n');
      tail = parts.pop() ?? '';
      if (!firstLine && parts.length) firstLine = parts[0];
      if (parts.length) lastLine = parts[parts.length - 1];
      lines += parts.length;
    }
    const after = await memoryOf(pid);
    expect(lines).toBe(ROWS);
    expect(JSON.parse(firstLine)).toMatchObject({ seq: base + 1, requestId: 'gen-1' });
    expect(JSON.parse(lastLine)).toMatchObject({ seq: base + ROWS, requestId: `gen-${ROWS}` });
    console.log(`export peak RSS ${after.hwmMiB.toFixed(0)} MiB, resident before ${before.rssMiB.toFixed(0)} MiB`);
    expect(after.hwmMiB - before.rssMiB).toBeLessThan(MAX_GROWTH_MIB);
  });

  it('verify checks all of them', async () => {
    const res = await fetch(`${stack.url('audit')}/audit/integrity/verify?log=calls`, { headers: { authorization: `Bearer ${token}` } });
    expect(await res.json()).toMatchObject({ ok: true, checked: base + ROWS, firstBroken: null });
  });

  it('stops the query on the server when the client disconnects', async () => {
    const abort = new AbortController();
    const res = await fetch(`${stack.url('audit')}/audit/export?log=calls&format=csv&${RANGE}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    expect(await runningExports()).toBe(1);
    abort.abort();
    await waitFor(async () => (await runningExports()) === 0, 20_000);
    // The connection went back to the pool in a usable state.
    const again = await fetch(`${stack.url('audit')}/audit/export?log=calls&from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00.010Z`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await again.text()).trim().split('\n')).toHaveLength(9);
  });
});
