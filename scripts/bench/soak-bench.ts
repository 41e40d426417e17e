/**
 * Soak benchmark: `npm run bench -- soak [--minutes 30] [--interval 30] [--warmup MIN] [--scale 1]
 * [--max-growth 10] [--json FILE]`; `--report FILE` prints the summary of a saved run again.
 *
 * Every app as a child process under a namespace of its own (removed at the end), and a mixed load
 * at a fixed offered rate (open loop, `paced` in load.ts; about half of this 2-core box at scale 1):
 * EOMS dispatches, urges and queries over raw amqplib; employees' business calls through a front end
 * (its own system caller plus the employee's token: sales accounts and opportunities, service cases,
 * marketing lead capture; tokens refreshed as a front end does); an auditor's call-log queries over
 * HTTP. Every interval one line: calls/s by kind, p50/p99 (all and per group), errors by code, RSS of
 * every app, of this load generator, of MariaDB and RabbitMQ, CPU and the load average. At the end a
 * summary per kind after warm-up and, per process, RSS at the end of warm-up and at the end with the
 * least-squares slope over the post-warm-up samples, and a verdict (`soak-stats.ts`).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { RawClient, type RawReply } from '../../test/support/raw-client.js';
import { cpuSeconds, listenerPid, memoryOf } from '../../test/support/proc.js';
import { ALL_APPS, Stack } from '../../test/support/stack.js';
import { paced, type Pacer } from './load.js';
import {
  formatErrors,
  IntervalRecorder,
  memoryGrowth,
  parseV8Metrics,
  rssOutsideYoungMiB,
  type Figures,
  type Growth,
  type IntervalFigures,
  type MemorySample,
  type V8Sample,
} from './soak-stats.js';

interface Options {
  minutes: number;
  interval: number;
  warmupMinutes: number;
  scale: number;
  maxGrowth: number;
  json: string | null;
}

/**
 * Calls per second of each kind at `--scale 1` (≈ 29/s: the apps, MariaDB and RabbitMQ then use about
 * one of the two cores, measured), and the group its p99 is reported under.
 */
const KINDS = [
  { kind: 'dispatch', group: 'eoms', rate: 7 },
  { kind: 'urge', group: 'eoms', rate: 3 },
  { kind: 'query', group: 'eoms', rate: 7 },
  { kind: 'account.create', group: 'front', rate: 1.5 },
  { kind: 'account.list', group: 'front', rate: 3 },
  { kind: 'opportunity.create', group: 'front', rate: 1.5 },
  { kind: 'case.create', group: 'front', rate: 1.5 },
  { kind: 'lead.capture', group: 'front', rate: 3 },
  { kind: 'audit.calls', group: 'audit', rate: 1.5 },
  // A front end renews each employee's access token well before it expires (JWT_TTL_SECONDS 900 by default).
  { kind: 'auth.refresh', group: 'front', rate: 1 / 60 },
] as const;
type Kind = (typeof KINDS)[number]['kind'];

/** Short column titles for the interval lines. */
const SHORT: Record<Kind, string> = {
  dispatch: 'disp',
  urge: 'urge',
  query: 'qry',
  'account.create': 'acct',
  'account.list': 'list',
  'opportunity.create': 'opp',
  'case.create': 'case',
  'lead.capture': 'lead',
  'audit.calls': 'audq',
  'auth.refresh': 'rfsh',
};

function parseArgs(argv: string[]): Options {
  const num = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    if (i < 0) return fallback;
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number, got ${argv[i + 1] ?? 'nothing'}`);
    return v;
  };
  const minutes = num('--minutes', 3);
  const j = argv.indexOf('--json');
  return {
    minutes,
    interval: num('--interval', 30),
    // 20 % of the run, the time for JIT, pools, caches and V8's heap sizing to settle.
    warmupMinutes: num('--warmup', minutes * 0.2),
    scale: num('--scale', 1),
    maxGrowth: num('--max-growth', 10),
    json: j >= 0 ? (argv[j + 1] ?? null) : null,
  };
}

/**
 * When the generator gives up on a call and counts it as `timeout`: above the apps' own handler
 * deadline (HANDLER_DEADLINE_MS, 30 s by default), so a slow call is answered 5030 by the product
 * first and `timeout` means no answer at all.
 */
const TIMEOUT_MS = 35_000;

const n1 = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(1));
const n0 = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(0));
const codeOf = (r: RawReply): number | string => r.response?.code ?? r.err?.code ?? 'no-code';

/** One interval's line, as kept for the summary and `--json`. */
type Sample = MemorySample & {
  /** Each app's V8 heap (its /metrics): the old space tells a JS leak, the young generation's size an RSS swing. */
  v8?: Record<string, V8Sample>;
  figures: IntervalFigures;
  cpuPct: Record<string, number>;
  load: number;
  shed: number;
};

/** What `--json` writes and `--report` reads back. */
interface SavedRun {
  options: Options;
  ns: string;
  kinds: typeof KINDS;
  samples: Sample[];
  totals: IntervalFigures;
  growth: Growth[];
}

/** The figures per kind after warm-up, and the memory table with its verdict (returned). */
function printSummary(o: Options, samples: Sample[], totals: IntervalFigures): Growth[] {
  const line = (name: string, f: Figures) =>
    `  ${name.padEnd(20)} ${String(f.calls).padStart(7)} ${n1(f.perSec).padStart(7)} ${n1(f.p50).padStart(8)} ${n1(f.p99).padStart(8)} ${n1(f.max).padStart(8)}  ${formatErrors(f.errors)}`;
  console.log(
    `\nAfter warm-up (${n1(totals.seconds / 60)} min): ${'calls'.padStart(7)} ${'calls/s'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}  errors`,
  );
  for (const k of KINDS) console.log(line(k.kind, totals.kinds[k.kind]!));
  for (const [group, f] of Object.entries(totals.groups)) console.log(line(`(${group})`, f));
  console.log(line('all', totals.all));
  const loads = samples.map((s) => s.load);
  console.log(
    `  load average over the run ${n1(Math.min(...loads))}–${n1(Math.max(...loads))} (shared box); CRM processes ${n0(samples.reduce((s, x) => s + x.cpuPct.crm!, 0) / samples.length)} % of one core on average`,
  );
  const warmup = o.warmupMinutes * 60;
  const growth = memoryGrowth(samples, warmup, o.maxGrowth);
  console.log(
    `\nMemory (RSS, MiB) — grows: post-warm-up least-squares slope above ${o.maxGrowth} MiB/h, more than twice its standard error, and the slope over the second half above ${o.maxGrowth} MiB/h too`,
  );
  const header = `  ${'process'.padEnd(10)} ${'start'.padStart(7)} ${'warm-up'.padStart(8)} ${'end'.padStart(7)} ${'peak'.padStart(7)} ${'end−wu'.padStart(7)} ${'MiB/h'.padStart(7)} ${'± se'.padStart(6)} ${'late'.padStart(7)}  verdict`;
  const row = (m: Growth, start: number, note = '') =>
    `  ${m.process.padEnd(10)} ${n1(start).padStart(7)} ${n1(m.atWarmupMiB).padStart(8)} ${n1(m.atEndMiB).padStart(7)} ${n1(m.peakMiB).padStart(7)} ` +
    `${n1(m.atEndMiB - m.atWarmupMiB).padStart(7)} ${n1(m.slopeMiBPerHour).padStart(7)} ${n1(m.stdErrMiBPerHour).padStart(6)} ${n1(m.lateSlopeMiBPerHour).padStart(7)}  ${m.verdict}${note}`;
  console.log(header);
  for (const m of growth) {
    const shared = m.process === 'mariadb' || m.process === 'rabbitmq' ? ' (shared with the box)' : '';
    console.log(row(m, samples[0]!.rssMiB[m.process]!, shared));
  }
  // An app's verdict rests on what V8 cannot explain away: its old space (JS objects that survive)
  // and its RSS outside the young generation, whose size V8 changes with the allocation rate.
  // Without V8 samples (an old --json file) it falls back to the raw RSS.
  const byApp = (f: (v8: V8Sample, rss: number) => number) =>
    samples.map((s) => ({
      t: s.t,
      rssMiB: Object.fromEntries(ALL_APPS.map((app) => [app, s.v8?.[app] ? f(s.v8[app], s.rssMiB[app] ?? NaN) : NaN])),
    }));
  const judged = new Map<string, Growth[]>();
  if (samples.every((s) => s.v8)) {
    const views = [
      { title: 'V8 old space in use (MiB; JS objects that survived scavenges: a JS leak shows here)', f: (v: V8Sample) => v.oldUsedMiB },
      {
        title: 'RSS outside the young generation (MiB; RSS less its reserved size: a native or buffer leak shows here)',
        f: (v: V8Sample, rss: number) => rssOutsideYoungMiB(rss, v),
      },
    ];
    for (const view of views) {
      const series = byApp(view.f);
      console.log(`  ${view.title}`);
      for (const m of memoryGrowth(series, warmup, o.maxGrowth)) {
        console.log(row(m, series[0]!.rssMiB[m.process]!));
        judged.set(m.process, [...(judged.get(m.process) ?? []), m]);
      }
    }
    const young = ALL_APPS.map((app) => {
      const sizes = samples.map((s) => s.v8![app]?.youngReservedMiB ?? NaN).filter((v) => !Number.isNaN(v));
      return `${app} ${n0(Math.min(...sizes))}–${n0(Math.max(...sizes))}`;
    });
    console.log(`  young generation reserved over the run (MiB, min–max): ${young.join(', ')}`);
  }
  if (totals.seconds < 15 * 60)
    console.log(`  (only ${n1(totals.seconds / 60)} min after warm-up: a GC cycle can look like a trend; the verdict needs a longer run)`);
  const ours = growth.filter((m) => m.process !== 'mariadb' && m.process !== 'rabbitmq').flatMap((m) => judged.get(m.process) ?? [m]);
  const bad = ours.filter((m) => m.verdict !== 'flat' && m.verdict !== 'stepped, then flat');
  const stepped = ours.filter((m) => m.verdict === 'stepped, then flat');
  const basis = judged.size ? 'old space and RSS outside the young generation' : 'RSS';
  console.log(
    (bad.length
      ? `  VERDICT (${basis}): ${bad.map((m) => `${m.process} ${m.verdict}`).join(', ')}`
      : `  VERDICT (${basis}): no CRM process (apps, generator) keeps growing after warm-up`) +
      (stepped.length
        ? `; rose after warm-up, then level: ${stepped.map((m) => `${m.process} +${n0(m.atEndMiB - m.atWarmupMiB)} MiB`).join(', ')}`
        : ''),
  );
  return growth;
}

/** `--report FILE`: the summary and verdict again from a run saved with `--json` (e.g. after changing the verdict rule). */
function report(file: string): void {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedRun;
  console.log(`soak run ${saved.ns} from ${file}: ${saved.options.minutes} min, ${saved.samples.length} samples`);
  printSummary(saved.options, saved.samples, saved.totals);
}

export async function runSoakBench(argv: string[]): Promise<void> {
  const r = argv.indexOf('--report');
  if (r >= 0) return report(argv[r + 1] ?? '');
  const o = parseArgs(argv);
  if (o.warmupMinutes >= o.minutes) throw new Error('--warmup must be shorter than --minutes');
  const stack = await Stack.start({ env: { LOG_LEVEL: 'warn' } });
  const eoms = await RawClient.connect(stack.env.AMQP_URL);
  const front = await RawClient.connect(stack.env.AMQP_URL);
  const pacers: Pacer[] = [];
  console.log(
    `soak benchmark — namespace ${stack.ns}, ${o.minutes} min, interval ${o.interval} s, warm-up ${n1(o.warmupMinutes)} min, ` +
      `offered ${(KINDS.reduce((s, k) => s + k.rate, 0) * o.scale).toFixed(1)} calls/s (scale ${o.scale})`,
  );
  try {
    // ---------------------------------------------------------------- the callers and employees
    const eomsPassword = await stack.createCaller('EOMS', [
      'service.workorder.dispatch.v1',
      'service.workorder.urge.v1',
      'service.workorder.withdraw.v1',
      'service.workorder.query.v1',
    ]);
    const frontPassword = await stack.createCaller('FRONTEND', ['sales.*', 'service.*', 'marketing.*']);
    const [rep, agent, marketer, auditor] = await Promise.all([
      stack.employee(['sales'], 'Soak Rep'),
      stack.employee(['service-agent'], 'Soak Agent'),
      stack.employee(['marketing'], 'Soak Marketer'),
      stack.employee(['auditor'], 'Soak Auditor'),
    ]);
    const employees = [rep, agent, marketer, auditor];

    const eomsCall = (pattern: string, payload: unknown, requestId?: string) =>
      eoms.call(stack.queue('service'), pattern, { caller: 'EOMS', password: eomsPassword, requestId, payload }, { timeoutMs: TIMEOUT_MS });
    const frontCall = (app: 'sales' | 'service' | 'marketing', pattern: string, who: { token: string }, payload: unknown) =>
      front.call(
        stack.queue(app),
        pattern,
        { caller: 'FRONTEND', password: frontPassword, actor: who.token, requestId: randomUUID(), payload },
        { timeoutMs: TIMEOUT_MS },
      );

    // Recent orders and accounts, bounded so the generator's own memory stays flat.
    const recent = <T>(limit: number) => {
      const items: T[] = [];
      return {
        add: (x: T) => {
          items.push(x);
          if (items.length > limit) items.shift();
        },
        pick: () => items[Math.floor(Math.random() * items.length)],
        size: () => items.length,
      };
    };
    const orders = recent<{ orderNo: string; requestId: string }>(1000);
    const accounts = recent<string>(200);
    const phones = recent<string>(1000);
    const run = Date.now().toString(36);
    let seq = 0;
    const TYPES = ['fault', 'complaint', 'installation', 'consultation'] as const;

    const dispatch = async (): Promise<number | string> => {
      const i = seq++;
      const orderNo = `SOAK-${run}-${i}`;
      const requestId = `soak-${run}-d${i}`;
      const r = await eomsCall(
        'service.workorder.dispatch.v1',
        {
          orderNo,
          type: TYPES[i % TYPES.length],
          title: 'No dial tone',
          description: 'Customer reports no dial tone since this morning',
          priority: i % 5 === 0 ? 'high' : 'normal',
          customer: { accountNo: `ACC-${i % 500}`, name: 'Li Lei', phone: '+86 138 0000 0000' },
          deadline: new Date(Date.now() + 86_400_000).toISOString(),
          dispatchedAt: new Date().toISOString(),
        },
        requestId,
      );
      if (codeOf(r) === 0) orders.add({ orderNo, requestId });
      return codeOf(r);
    };
    const createAccount = async (): Promise<number | string> => {
      const r = await frontCall('sales', 'sales.account.create.v1', rep, {
        name: `Soak account ${run}-${seq++}`,
        industryCode: 'I65',
        regionCode: '440300',
        segment: 'business',
      });
      if (codeOf(r) === 0) accounts.add(r.response!.data.accountId as string);
      return codeOf(r);
    };
    // Something for urges, queries and opportunities to address from the first second on.
    for (let i = 0; i < 10; i++) if ((await dispatch()) !== 0) throw new Error('set-up dispatch failed');
    for (let i = 0; i < 3; i++) if ((await createAccount()) !== 0) throw new Error('set-up account create failed');

    const audit = async (qs: Record<string, string>): Promise<number | string> => {
      const res = await fetch(`${stack.url('audit')}/audit/calls?${new URLSearchParams({ limit: '50', ...qs })}`, {
        headers: { authorization: `Bearer ${auditor.token}` },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const body = (await res.json()) as { code?: number };
      return res.status === 200 ? 0 : (body.code ?? `http-${res.status}`);
    };
    let auditTurn = 0;
    let refreshTurn = 0;
    const calls: Record<Kind, () => Promise<number | string>> = {
      dispatch,
      urge: async () =>
        codeOf(
          await eomsCall('service.workorder.urge.v1', { orderNo: orders.pick()!.orderNo, reason: 'Customer called again' }, randomUUID()),
        ),
      query: async () => codeOf(await eomsCall('service.workorder.query.v1', { orderNo: orders.pick()!.orderNo })),
      'account.create': createAccount,
      'account.list': async () => codeOf(await frontCall('sales', 'sales.account.list.v1', rep, { segment: 'business', limit: 20 })),
      'opportunity.create': async () =>
        codeOf(
          await frontCall('sales', 'sales.opportunity.create.v1', rep, {
            accountId: accounts.pick(),
            name: `Soak deal ${seq++}`,
            amount: '12000.00',
            closeDate: '2027-03-31',
            channel: 'field',
          }),
        ),
      'case.create': async () =>
        codeOf(
          await frontCall('service', 'service.case.create.v1', agent, {
            channel: 'phone',
            category: 'complaint',
            priority: 'normal',
            subject: `Broadband drops ${seq++}`,
            description: 'The line drops three times every evening.',
            contact: { name: 'Han Meimei' },
          }),
        ),
      'lead.capture': async () => {
        // Three in four a new phone, one in four a phone captured before (the dedupe path: a touch on the open lead).
        const again = phones.size() > 0 && Math.random() < 0.25;
        const phone = again ? phones.pick()! : `186${String(Date.now() % 1e5).padStart(5, '0')}${String(seq++ % 1000).padStart(3, '0')}`;
        if (!again) phones.add(phone);
        return codeOf(
          await frontCall('marketing', 'marketing.lead.capture.v1', marketer, {
            name: 'Soak Lead',
            company: 'Soak Co',
            phone,
            industryCode: 'I6510',
            regionCode: '440305',
            companySize: 120,
            source: again ? 'event' : 'form',
          }),
        );
      },
      'audit.calls': () => {
        const recentOrder = orders.pick()!;
        const filters: Array<Record<string, string>> = [
          { caller: 'EOMS' },
          { pattern: 'service.workorder.dispatch.v1' },
          { requestId: recentOrder.requestId },
          { caller: 'FRONTEND', from: new Date(Date.now() - 600_000).toISOString() },
        ];
        return audit(filters[auditTurn++ % filters.length]!);
      },
      'auth.refresh': async () => {
        const e = employees[refreshTurn++ % employees.length]!;
        const res = await fetch(`${stack.url('auth')}/auth/refresh`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refreshToken: e.refreshToken }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const body = (await res.json()) as { accessToken?: string; refreshToken?: string; code?: number };
        if (res.status !== 200 || !body.accessToken || !body.refreshToken) return body.code ?? `http-${res.status}`;
        e.token = body.accessToken;
        e.refreshToken = body.refreshToken;
        return 0;
      },
    };

    // ---------------------------------------------------------------- the watched processes
    const pids: Record<string, number | undefined> = {};
    for (const app of ALL_APPS) pids[app] = stack.pid(app);
    pids['generator'] = process.pid;
    // Shared with everything else on the box: their RSS is context, not this run's alone.
    pids['mariadb'] = listenerPid(3306, ['mariadbd', 'mysqld']);
    pids['rabbitmq'] = listenerPid(Number(new URL(stack.env.AMQP_URL!).port || 5672), ['beam.smp']);
    const watched = Object.entries(pids).filter((e): e is [string, number] => e[1] !== undefined);
    const missing = Object.keys(pids).filter((k) => pids[k] === undefined);
    if (missing.length) console.log(`  (no process found for ${missing.join(', ')}: not sampled)`);
    const sampleV8 = async (): Promise<Record<string, V8Sample>> => {
      const v8: Record<string, V8Sample> = {};
      for (const app of ALL_APPS) {
        const text = await fetch(`${stack.url(app)}/metrics`, { signal: AbortSignal.timeout(10_000) })
          .then((r) => r.text())
          .catch(() => '');
        v8[app] = parseV8Metrics(text);
      }
      return v8;
    };
    const sampleRss = async (t: number): Promise<MemorySample> => {
      const rssMiB: Record<string, number> = {};
      for (const [name, pid] of watched)
        rssMiB[name] = await memoryOf(pid).then(
          (m) => m.rssMiB,
          () => NaN,
        );
      return { t, rssMiB };
    };
    const cpuOf = (pid: number) => {
      try {
        return cpuSeconds(pid);
      } catch {
        return NaN;
      }
    };
    const crmPids = [...ALL_APPS.map((a) => pids[a]), process.pid].filter((p): p is number => p !== undefined);
    const cpuNow = () => ({
      crm: crmPids.reduce((s, p) => s + cpuOf(p), 0),
      mariadb: pids['mariadb'] ? cpuOf(pids['mariadb']) : NaN,
      rabbitmq: pids['rabbitmq'] ? cpuOf(pids['rabbitmq']) : NaN,
    });

    // ---------------------------------------------------------------- the run
    const recorder = new IntervalRecorder(KINDS);
    const unexpected: string[] = [];
    for (const k of KINDS) {
      pacers.push(
        paced({
          ratePerSec: k.rate * o.scale,
          maxInFlight: 200,
          fire: async () => {
            const t = performance.now();
            let code: number | string;
            try {
              code = await calls[k.kind]();
            } catch (error) {
              // No reply within TIMEOUT_MS (RawClient's rejection, fetch's TimeoutError), or the app unreachable.
              const message = (error as Error).message;
              code = message.startsWith('no reply within') || (error as Error).name === 'TimeoutError' ? 'timeout' : 'exception';
              if (unexpected.length < 5) unexpected.push(`${k.kind}: ${message}`);
            }
            recorder.record(k.kind, performance.now() - t, code);
          },
          onError: (error) => unexpected.push(String(error)),
        }),
      );
    }

    const kindCols = KINDS.map((k) => SHORT[k.kind].padStart(5)).join('');
    const memCols = watched.map(([name]) => name.slice(0, 8).padStart(9)).join('');
    console.log(
      `\n${'min'.padStart(5)} ${'calls/s'.padStart(7)}${kindCols} │ ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'eoms'.padStart(6)} ${'front'.padStart(6)} ${'audit'.padStart(6)} (ms) │ ` +
        `RSS MiB${memCols} │ cpu% crm db mq │ load │ errors`,
    );
    const samples: Sample[] = [];
    const started = performance.now();
    const endAt = started + o.minutes * 60_000;
    let cpuBefore = cpuNow();
    let last = started;
    let warmedUp = false;
    while (last < endAt) {
      const next = Math.min(endAt, last + o.interval * 1000);
      await new Promise((r) => setTimeout(r, next - performance.now()));
      const now = performance.now();
      const seconds = (now - last) / 1000;
      last = now;
      const t = (now - started) / 1000;
      const figures = recorder.take(seconds);
      const cpuAfter = cpuNow();
      const cpuPct = {
        crm: ((cpuAfter.crm - cpuBefore.crm) / seconds) * 100,
        mariadb: ((cpuAfter.mariadb - cpuBefore.mariadb) / seconds) * 100,
        rabbitmq: ((cpuAfter.rabbitmq - cpuBefore.rabbitmq) / seconds) * 100,
      };
      cpuBefore = cpuAfter;
      const mem = await sampleRss(t);
      const shed = pacers.reduce((s, p) => s + p.shed, 0);
      const load = loadavg()[0]!;
      samples.push({ ...mem, v8: await sampleV8(), figures, cpuPct, load, shed });
      const g = (name: string) => n0(figures.groups[name]?.p99 ?? NaN).padStart(6);
      console.log(
        `${(t / 60).toFixed(1).padStart(5)} ${n1(figures.all.perSec).padStart(7)}${KINDS.map((k) => n1(figures.kinds[k.kind]!.perSec).padStart(5)).join('')} │ ` +
          `${n1(figures.all.p50).padStart(6)} ${n0(figures.all.p99).padStart(6)} ${g('eoms')} ${g('front')} ${g('audit')}      │ ` +
          `       ${watched.map(([name]) => n0(mem.rssMiB[name]!).padStart(9)).join('')} │ ${n0(cpuPct.crm).padStart(4)} ${n0(cpuPct.mariadb).padStart(2)} ${n0(cpuPct.rabbitmq).padStart(2)} │ ${load.toFixed(1).padStart(4)} │ ` +
          `${formatErrors(figures.all.errors)}${shed ? ` (shed ${shed})` : ''}`,
      );
      if (!warmedUp && t >= o.warmupMinutes * 60) {
        warmedUp = true;
        recorder.restartTotals();
        console.log(`  ── warm-up over (${n1(o.warmupMinutes)} min): totals and the memory verdict count from here ──`);
      }
    }
    const warmupEnd = samples.find((s) => s.t >= o.warmupMinutes * 60)!.t;
    await Promise.all(pacers.splice(0).map((p) => p.stop()));
    const totals = recorder.totals((last - started) / 1000 - warmupEnd);

    // ---------------------------------------------------------------- summary
    const growth = printSummary(o, samples, totals);
    // eslint-disable-next-line no-control-regex -- Nest's console logger colours its lines
    const plain = stack.logs().replace(/\x1b\[[0-9;]*m/g, '');
    const warnings = plain.split('\n').filter((l) => /"level":(40|50|60)\b|\b(WARN|ERROR)\b/.test(l));
    console.log(`  app log lines at warn or above: ${warnings.length}`);
    // Grouped by their text without the leading pid and time, so one repeated warning is one line.
    const byText = new Map<string, number>();
    for (const w of warnings) {
      const text = w
        .replace(/^\[Nest\] \d+\s+-\s+\S+, \S+ \S+\s+/, '')
        .replace(/"(time|pid)":[^,]+,/g, '')
        .slice(0, 200);
      byText.set(text, (byText.get(text) ?? 0) + 1);
    }
    for (const [text, count] of [...byText].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`    ${count}× ${text}`);
    for (const u of unexpected) console.log(`  failure: ${u.slice(0, 300)}`);
    if (o.json) {
      const saved: SavedRun = { options: o, ns: stack.ns, kinds: KINDS, samples, totals, growth };
      writeFileSync(o.json, JSON.stringify(saved, null, 1));
      console.log(`  samples written to ${o.json}`);
    }
  } catch (error) {
    console.error(stack.logs().slice(-3000));
    throw error;
  } finally {
    await Promise.all(pacers.map((p) => p.stop()));
    await eoms.close();
    await front.close();
    await stack.stop();
    console.log(`\nnamespace ${stack.ns} removed`);
  }
}
