/**
 * Marketing benchmark: `npm run bench -- marketing [--leads 1000000] [--seconds 20] [--concurrency 32] [--no-audit]`.
 * Runs the built apps under a namespace of its own (removed at the end):
 * 1. seeds N existing open leads (and one capture touch each) in bulk SQL;
 * 2. lead capture with dedupe over raw amqplib at the given concurrency for S seconds, half new
 *    phones and half phones of existing leads written in other formats: captures/s, p50, p99, then
 *    a check that no phone or e-mail is held by two open leads;
 * 3. a scoring-rule change that re-scores every open lead in the background: time and rows/s,
 *    while captures continue at the same concurrency (their rate and p99 during the re-scoring).
 */
import 'reflect-metadata';
import { RawClient } from '../../test/support/raw-client.js';
import { Stack } from '../../test/support/stack.js';
import { fmt, runLoad, type LoadResult } from './load.js';

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

/** `runLoad` until the deadline (ms) or until `until` resolves (the re-scoring's end), counting new and duplicate captures. */
async function captureLoad(opts: {
  amqpUrl: string;
  queue: string;
  concurrency: number;
  until: Promise<unknown> | number;
  body: (i: number) => object;
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
  const apps = argv.includes('--no-audit') ? (['auth', 'marketing'] as const) : (['auth', 'marketing', 'audit'] as const);
  const stack = await Stack.start({
    apps: [...apps],
    env: { LOG_LEVEL: 'warn', ACTOR_CACHE_TTL_SECONDS: '3600', JWT_TTL_SECONDS: '3600' },
  });
  console.log(`marketing benchmark — namespace ${stack.ns}, ${n(leads)} existing leads, apps ${apps.join(', ')}`);
  const amqpUrl = stack.env.AMQP_URL!;
  const client = await RawClient.connect(amqpUrl);
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
    await db.query(
      "INSERT INTO lead_touch (lead_id, campaign_id, kind, source, occurred_at) SELECT id, NULL, 'capture', 'import', created_at FROM `lead` WHERE source = 'import'",
    );
    const seedSeconds = (performance.now() - t0) / 1000;
    console.log(`  seeded ${n(leads)} leads + touches in ${n(seedSeconds, 1)} s (${n(leads / seedSeconds)} rows/s)`);

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
    const load = await captureLoad({ amqpUrl, queue, concurrency, until: seconds * 1000, body });
    console.log(`\n  capture with dedupe, concurrency ${concurrency}, ${seconds} s over ${n(leads)} leads:`);
    console.log(`    ${fmt(load)}; ${n(load.created)} new, ${n(load.duplicates)} duplicates`);
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
    await db.end();
  } catch (error) {
    console.error(stack.logs().slice(-3000));
    throw error;
  } finally {
    await client.close();
    await stack.stop();
    console.log(`\nnamespace ${stack.ns} removed`);
  }
}
