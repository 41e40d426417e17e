/**
 * Marketing benchmark:
 * `npm run bench -- marketing [--leads 1000000] [--seconds 20] [--concurrency 32] [--rate 500] [--no-audit] [--no-rescore] [--statements]`.
 * Runs the built apps under a namespace of its own (removed at the end):
 * 1. seeds N existing open leads (and one capture touch each) in bulk SQL;
 * 2. lead capture with dedupe over raw amqplib at the given concurrency for S seconds, half new
 *    phones and half phones of existing leads written in other formats: captures/s, p50, p99, then
 *    the same captures in open loop at `--rate` per second (at most `--concurrency` in flight: the
 *    latency at that rate rather than at saturation); a check that no phone or e-mail is held by two
 *    open leads; then, as a same-run reference, the raw floor (`RawFloor`: one INSERT + one confirmed
 *    publish per request) with the same requests at the same concurrency and at the same rate; marketing's CPU per capture and, with `--statements`, its statements per
 *    batch and the time per statement kind (`statement-stats.mjs` preloaded into the apps);
 * 3. a scoring-rule change that re-scores every open lead in the background: time and rows/s,
 *    while captures continue at the same concurrency (their rate and p99 during the re-scoring);
 *    `--no-rescore` skips it (it takes 8–10 min at 1,000,000 leads).
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawClient } from '../../test/support/raw-client.js';
import { Stack } from '../../test/support/stack.js';
import { CpuMeter, cpuBudgetLines, pathProcesses } from './cpu-meter.js';
import { fmt, runLoad, type LoadResult } from './load.js';
import { RawFloor } from './raw-floor.js';

const n = (v: number, digits = 0) => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const arg = (argv: string[], name: string, fallback: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};

const TEAM = Array.from({ length: 10 }, (_, i) => `E8000${String(i).padStart(2, '0')}`);
const INDUSTRIES = ['I6510', 'I6420', 'C3911', 'F5131', 'J6620', 'K7010', 'M7320', 'G5431'];
const REGIONS = ['440305', '440106', '110105', '310115', '330106', '510107', '420106', '320102'];
/** Existing leads have mobiles 150xxxxxxxx (seq 1…N); new captures 186xxxxxxxx from a per-run counter. */
const seededPhone = (i: number) => `150${String(i).padStart(8, '0')}`;

/** The same number as people write it: plain, +86 with dashes, 0086, spaces. */
function reformat(p: string, k: number): string {
  switch (k % 4) {
    case 0:
      return p;
    case 1:
      return `+86 ${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`;
    case 2:
      return `0086${p}`;
    default:
      return `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`;
  }
}

interface StatementStats {
  kinds: Record<string, { count: number; ms: number }>;
  /** By the transaction's first statement: the capture batch (`SELECT scoring_rule`, the rule stamps), the relay's claim, … */
  transactions: Record<string, { count: number; statements: number; ms: number; kinds: Record<string, { count: number; ms: number }> }>;
}

/** The latest snapshot `statement-stats.mjs` wrote for this process. */
const statementStatsOf = (dir: string, pid: number): StatementStats => JSON.parse(readFileSync(join(dir, `${pid}.json`), 'utf8'));

/** What the process ran between two snapshots: statements per capture, then each kind of transaction with the statements it ran. */
function printStatements(before: StatementStats, after: StatementStats, calls: number): void {
  const since = <T extends { count: number; ms: number }>(now: Record<string, T>, then: Record<string, T> | undefined) =>
    Object.entries(now)
      .map(([kind, v]) => ({ kind, count: v.count - (then?.[kind]?.count ?? 0), ms: v.ms - (then?.[kind]?.ms ?? 0) }))
      .filter((r) => r.count > 0)
      .sort((x, y) => y.ms - x.ms);
  const all = since(after.kinds, before.kinds);
  const total = all.reduce((sum, r) => sum + r.count, 0);
  console.log(`    statements of marketing: ${n(total)}, ${n(total / Math.max(1, calls), 2)} per capture`);
  for (const [label, t] of Object.entries(after.transactions)) {
    const then = before.transactions[label];
    const count = t.count - (then?.count ?? 0);
    if (count === 0) continue;
    const statements = t.statements - (then?.statements ?? 0);
    const ms = t.ms - (then?.ms ?? 0);
    console.log(
      `    transactions starting with ${label}: ${n(count)}, ${n(statements / count, 1)} statements and ${n(ms / count, 1)} ms each (first statement sent → COMMIT answered)`,
    );
    for (const r of since(t.kinds, then?.kinds))
      console.log(
        `      ${r.kind.padEnd(34)} ${n(r.count / count, 2).padStart(5)} per transaction × ${n(r.ms / r.count, 2).padStart(6)} ms`,
      );
  }
  const inTransactions = new Map<string, number>();
  for (const [label, t] of Object.entries(after.transactions))
    for (const r of since(t.kinds, before.transactions[label]?.kinds))
      inTransactions.set(r.kind, (inTransactions.get(r.kind) ?? 0) + r.count);
  const alone = all.map((r) => ({ ...r, count: r.count - (inTransactions.get(r.kind) ?? 0) })).filter((r) => r.count > 0);
  for (const r of alone) console.log(`    autocommitted ${r.kind}: ${n(r.count)}`);
}

/** `runLoad` until the deadline (ms) or until `until` resolves (the re-scoring's end), counting new and duplicate captures. */
async function captureLoad(opts: {
  amqpUrl: string;
  queue: string;
  concurrency: number;
  until: Promise<unknown> | number;
  body: (i: number) => object;
  ratePerSec?: number;
}): Promise<LoadResult & { duplicates: number; created: number }> {
  let duplicates = 0;
  let created = 0;
  const firstErrors: string[] = [];
  const r = await runLoad({
    amqpUrl: opts.amqpUrl,
    queue: opts.queue,
    concurrency: opts.concurrency,
    durationMs: typeof opts.until === 'number' ? opts.until : Number.MAX_SAFE_INTEGER,
    until: typeof opts.until === 'number' ? undefined : opts.until,
    ratePerSec: opts.ratePerSec,
    makeBody: opts.body,
    onReply: (reply) => {
      if (!reply.response || reply.response.code !== 0) {
        if (firstErrors.length < 3) firstErrors.push(JSON.stringify(reply.err ?? reply).slice(0, 300));
      } else if (reply.response.data.duplicate) duplicates++;
      else created++;
    },
  });
  for (const e of firstErrors) console.log(`    error reply: ${e}`);
  return { ...r, duplicates, created };
}

export async function runMarketingBench(argv: string[] = []): Promise<void> {
  const leads = arg(argv, '--leads', 1_000_000);
  const seconds = arg(argv, '--seconds', 20);
  const concurrency = arg(argv, '--concurrency', 32);
  const rate = arg(argv, '--rate', 500);
  const apps = argv.includes('--no-audit') ? (['auth', 'marketing'] as const) : (['auth', 'marketing', 'audit'] as const);
  const statementsDir = argv.includes('--statements') ? mkdtempSync(join(tmpdir(), 'crm-statements-')) : undefined;
  const preload: Record<string, string> = statementsDir
    ? {
        NODE_OPTIONS: `${process.env.CRM_APP_NODE_OPTIONS ?? ''} --import ${join(import.meta.dirname, '../../../scripts/bench/statement-stats.mjs')}`,
        STATEMENT_STATS_DIR: statementsDir,
      }
    : {};
  const stack = await Stack.start({
    apps: [...apps],
    env: { LOG_LEVEL: 'warn', ACTOR_CACHE_TTL_SECONDS: '3600', JWT_TTL_SECONDS: '3600', ...preload },
  });
  console.log(`marketing benchmark — namespace ${stack.ns}, ${n(leads)} existing leads, apps ${apps.join(', ')}`);
  const amqpUrl = stack.env.AMQP_URL!;
  const client = await RawClient.connect(amqpUrl);
  const floor = new RawFloor(amqpUrl, stack.ns);
  let closeDb = async (): Promise<void> => undefined;
  try {
    const password = await stack.createCaller('BENCH', ['marketing.*']);
    const marketer = await stack.employee(['marketing']);
    const call = async (pattern: string, payload: unknown) => {
      const r = await client.call(stack.queue('marketing'), pattern, { caller: 'BENCH', password, actor: marketer.token, payload });
      if (!r.response) throw new Error(`${pattern}: ${JSON.stringify(r.err)}`);
      return r.response.data;
    };
    const industry = (await call('marketing.scoring-rule.create.v1', { name: 'Telecom and IT', points: 20, when: { industryCode: 'I6' } }))
      .rule;
    await call('marketing.scoring-rule.create.v1', { name: 'Mid-size', points: 10, when: { companySize: { min: 50, max: 1000 } } });
    await call('marketing.scoring-rule.create.v1', { name: 'Each capture', points: 5, engagement: { touchKind: 'capture', maxTimes: 5 } });
    await call('marketing.assignment-rule.create.v1', {
      name: 'Guangdong',
      priority: 10,
      when: { regionCode: '44' },
      strategy: 'round-robin',
      members: TEAM,
    });
    await call('marketing.assignment-rule.create.v1', { name: 'Rest', priority: 100, strategy: 'fixed', ownerId: TEAM[0] });
    // The first job (rules created on an empty table) must be done before the seed.
    await new Promise((r) => setTimeout(r, 2000));

    // 1. Seed in bulk SQL, 100,000 rows a statement.
    const db = await stack.db('marketing');
    closeDb = () => db.end();
    const [[{ pool }]] = await db.query<any[]>('SELECT @@innodb_buffer_pool_size AS pool');
    const t0 = performance.now();
    const chunk = 100_000;
    for (let from = 1; from <= leads; from += chunk) {
      const to = Math.min(leads, from + chunk - 1);
      await db.query(
        `INSERT INTO \`lead\` (id, name, company, phone_norm, industry_code, region_code, company_size, source, status, score, score_reasons,
           owner_id, touches, last_touch_at, version, created_by, updated_by, created_at, updated_at)
         SELECT UUID(), CONCAT('Seed ', seq), CONCAT('Company ', seq), CONCAT('150', LPAD(seq, 8, '0')),
           ELT(1 + seq % 8, ${INDUSTRIES.map((c) => `'${c}'`).join(', ')}), ELT(1 + (seq DIV 8) % 8, ${REGIONS.map((c) => `'${c}'`).join(', ')}),
           seq % 2000, 'import', 'new', 0, '[]', CONCAT('E8000', LPAD(seq % 10, 2, '0')), 1, NOW(3) - INTERVAL seq SECOND, 1, 'seed', 'seed',
           NOW(3) - INTERVAL seq SECOND, NOW(3)
         FROM seq_${from}_to_${to}`,
      );
    }
    const leadSeconds = (performance.now() - t0) / 1000;
    await db.query(
      "INSERT INTO lead_touch (lead_id, campaign_id, kind, source, occurred_at) SELECT id, NULL, 'capture', 'import', created_at FROM `lead` WHERE source = 'import'",
    );
    const seedSeconds = (performance.now() - t0) / 1000;
    console.log(
      `  seeded ${n(leads)} leads + touches in ${n(seedSeconds, 1)} s (${n(leads / seedSeconds)} leads/s; leads ${n(leadSeconds, 1)} s, touches ${n(seedSeconds - leadSeconds, 1)} s); ` +
        `InnoDB buffer pool ${n(Number(pool) / 2 ** 20)} MiB`,
    );

    // 2. Capture with dedupe: even i a new phone, odd i an existing lead's phone in another format.
    const run = Date.now() % 1_000_000;
    let fresh = 0;
    const body = (i: number) => {
      const existing = i % 2 === 1;
      const phone = existing
        ? seededPhone(1 + Math.floor(Math.random() * leads))
        : `186${String(run * 100 + fresh++)
            .padStart(8, '0')
            .slice(-8)}`;
      return {
        pattern: 'marketing.lead.capture.v1',
        data: {
          caller: 'BENCH',
          password,
          actor: marketer.token,
          payload: {
            name: `Bench ${i}`,
            company: 'Bench Co',
            phone: reformat(phone, i),
            industryCode: INDUSTRIES[i % INDUSTRIES.length],
            regionCode: REGIONS[(i >> 1) % REGIONS.length],
            companySize: i % 1500,
            source: existing ? 'event' : 'form',
          },
        },
      };
    };
    const queue = stack.queue('marketing');
    await captureLoad({ amqpUrl, queue, concurrency, until: 2000, body }); // warm-up: JIT, pools, caches
    const marketingPid = stack.pid('marketing')!;
    const statementsBefore = statementsDir ? statementStatsOf(statementsDir, marketingPid) : undefined;
    const meter = new CpuMeter(pathProcesses(stack.pids()));
    meter.start();
    const load = await captureLoad({ amqpUrl, queue, concurrency, until: seconds * 1000, body });
    const reading = meter.stop();
    const cpuMs = reading.cpuMs.get('marketing') ?? 0;
    console.log(`\n  capture with dedupe, concurrency ${concurrency}, ${seconds} s over ${n(leads)} leads:`);
    console.log(`    ${fmt(load)}; ${n(load.created)} new, ${n(load.duplicates)} duplicates`);
    console.log(
      `    marketing CPU: ${n(cpuMs / 1000, 2)} s in ${seconds} s (${n(cpuMs / 10 / seconds)} % of a core), ${n(cpuMs / Math.max(1, load.calls), 2)} ms per capture`,
    );
    // MariaDB and RabbitMQ serve anything else running too.
    for (const line of cpuBudgetLines('   capture', reading, load.calls, availableParallelism())) console.log(line);
    if (statementsDir) {
      await new Promise((r) => setTimeout(r, 1100)); // the next snapshot covers the window's last statements
      printStatements(statementsBefore!, statementStatsOf(statementsDir, marketingPid), load.calls);
    }
    // Open loop at the target rate: the latency a partner sees at that rate, not at saturation.
    const paced = await captureLoad({ amqpUrl, queue, concurrency, until: seconds * 1000, body, ratePerSec: rate });
    console.log(`\n  capture with dedupe, open loop at ${n(rate)}/s, at most ${concurrency} in flight, ${seconds} s:`);
    console.log(`    ${fmt(paced)}; ${n(paced.created)} new, ${n(paced.duplicates)} duplicates`);
    const check = async () => {
      const t = performance.now();
      const [dupPhones] = await db.query<any[]>(
        "SELECT phone_norm, COUNT(*) AS c FROM `lead` WHERE status IN ('new','working','nurturing','qualified') AND phone_norm IS NOT NULL GROUP BY phone_norm HAVING c > 1 LIMIT 5",
      );
      const [dupEmails] = await db.query<any[]>(
        "SELECT email_norm, COUNT(*) AS c FROM `lead` WHERE status IN ('new','working','nurturing','qualified') AND email_norm IS NOT NULL GROUP BY email_norm HAVING c > 1 LIMIT 5",
      );
      return { phones: dupPhones.length, emails: dupEmails.length, seconds: (performance.now() - t) / 1000 };
    };
    const afterCapture = await check();
    console.log(
      `    duplicate open leads afterwards: ${afterCapture.phones} phones, ${afterCapture.emails} e-mails (checked over all open leads in ${n(afterCapture.seconds, 1)} s)`,
    );
    await floor.start();
    const raw = await floor.measure({ concurrency, durationMs: seconds * 1000, makeBody: body });
    console.log(`    raw floor, same requests and concurrency: ${fmt(raw)}; capture at ${n((load.perSec / raw.perSec) * 100)} % of it`);
    const rawPaced = await floor.run({ concurrency, durationMs: seconds * 1000, makeBody: body, ratePerSec: rate });
    console.log(`    raw floor, open loop at ${n(rate)}/s:        ${fmt(rawPaced)}`);
    if (argv.includes('--no-rescore')) return;

    // 3. Re-score every open lead after a rule change, captures continuing meanwhile.
    const [[{ open }]] = await db.query<any[]>(
      "SELECT COUNT(*) AS open FROM `lead` WHERE status IN ('new','working','nurturing','qualified')",
    );
    const rs0 = performance.now();
    const change = await call('marketing.scoring-rule.update.v1', { ruleId: industry.ruleId, version: 1, points: 25 });
    let status: any = null;
    const samples: string[] = [];
    const finished = (async () => {
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        status = await call('marketing.scoring-rule.rescore-status.v1', { jobId: change.rescoreJobId });
        if (samples.length < 4 || status.status === 'done')
          samples.push(`${n((performance.now() - rs0) / 1000, 1)} s: ${n(status.scanned)}/${n(status.total ?? 0)}`);
        if (status.status === 'done' || status.status === 'superseded') return;
      }
    })();
    const during = await captureLoad({ amqpUrl, queue, concurrency, until: finished, body });
    await finished;
    const rsSeconds = (new Date(status.finishedAt).getTime() - new Date(status.startedAt).getTime()) / 1000;
    console.log(`\n  re-score after a rule change: ${n(Number(open))} open leads at the change`);
    console.log(
      `    job ${status.status}: scanned ${n(status.scanned)}, changed ${n(status.changed)} in ${n(rsSeconds, 1)} s (startedAt → finishedAt) → ${n(status.scanned / rsSeconds)} rows/s; ` +
        `${n((performance.now() - rs0) / 1000, 1)} s from the change's reply`,
    );
    console.log(`    progress seen: ${samples.join('; ')}`);
    console.log(`    captures meanwhile: ${fmt(during)}`);
    const afterRescore = await check();
    console.log(`    duplicate open leads afterwards: ${afterRescore.phones} phones, ${afterRescore.emails} e-mails`);
  } catch (error) {
    console.error(stack.logs().slice(-3000));
    throw error;
  } finally {
    await closeDb();
    await floor.stop().catch(() => undefined);
    await client.close();
    await stack.stop();
    if (statementsDir) rmSync(statementsDir, { recursive: true, force: true });
    console.log(`\nnamespace ${stack.ns} removed`);
  }
}
