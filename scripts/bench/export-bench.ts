/**
 * Export and verify benchmark: `npm run bench -- export [--rows 1000000]`. Runs the built audit
 * app under a namespace of its own (removed at the end), fills the call log with N chained rows
 * (generated in SQL, chained by the app's chaining code), then measures over HTTP:
 * - a full NDJSON export (rows/s) and the audit process's peak RSS during it (VmHWM, reset first);
 * - the same as CSV + gzip;
 * - verify of the whole chain.
 */
import 'reflect-metadata';
import { generateChainedCalls } from '../../test/support/audit-rows.js';
import { memoryOf, resetPeakMemory } from '../../test/support/proc.js';
import { Stack } from '../../test/support/stack.js';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function drain(url: string, token: string): Promise<{ bytes: number; seconds: number }> {
  const t = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return { bytes, seconds: (performance.now() - t) / 1000 };
}

export async function runExportBench(argv: string[] = []): Promise<void> {
  const i = argv.indexOf('--rows');
  const rows = i >= 0 ? Number(argv[i + 1]) : 1_000_000;
  // The operator's token is checked with auth once and then remembered for the whole run.
  const stack = await Stack.start({ apps: ['auth', 'audit'], env: { LOG_LEVEL: 'warn', ACTOR_CACHE_TTL_SECONDS: '3600' } });
  console.log(`export benchmark — namespace ${stack.ns}, ${fmt(rows)} call-log rows`);
  try {
    const token = (await stack.employee(['auditor'])).token;
    // Warm the token check (two call events, audit → auth) before rows are generated under the chain head.
    await fetch(`${stack.url('audit')}/audit/calls?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((r) => setTimeout(r, 1000));
    const load = await generateChainedCalls(stack, rows, Date.UTC(2026, 0, 1));
    console.log(
      `  generated in SQL ${fmt(load.insertSeconds, 1)} s; chained ${fmt(load.chainSeconds, 1)} s (${fmt(rows / load.chainSeconds)} rows/s, the migration's backfill path)`,
    );
    const pid = stack.pid('audit') as number;
    const base = `${stack.url('audit')}/audit`;
    for (const [label, query] of [
      ['NDJSON', 'log=calls'],
      ['CSV + gzip', 'log=calls&format=csv&gzip=1'],
    ] as const) {
      const before = await memoryOf(pid);
      await resetPeakMemory(pid);
      const r = await drain(`${base}/export?${query}`, token);
      const after = await memoryOf(pid);
      console.log(
        `  export ${label.padEnd(10)} ${fmt(r.seconds, 1)} s → ${fmt(rows / r.seconds)} rows/s, ${fmt(r.bytes / 1048576, 1)} MiB; ` +
          `audit RSS before ${fmt(before.rssMiB)} MiB, peak during ${fmt(after.hwmMiB)} MiB`,
      );
    }
    const t = performance.now();
    const res = await fetch(`${base}/integrity/verify?log=calls`, { headers: { authorization: `Bearer ${token}` } });
    const verified = (await res.json()) as { ok: boolean; checked: number; ms: number };
    console.log(
      `  verify  ${fmt((performance.now() - t) / 1000, 1)} s over HTTP (${fmt(verified.ms / 1000, 1)} s in the app): ok=${verified.ok}, checked ${fmt(verified.checked)} → ${fmt(verified.checked / (verified.ms / 1000))} rows/s`,
    );
  } catch (error) {
    console.error(stack.logs().slice(-3000));
    throw error;
  } finally {
    await stack.stop();
    console.log(`\nnamespace ${stack.ns} removed`);
  }
}
