import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import amqplib from 'amqplib';
import { articlePostings, indexText, queryTerms } from '../../apps/service/src/testing.js';
import { RawClient } from '../../test/support/raw-client.js';
import { Stack } from '../../test/support/stack.js';
import { fmt as fmtLoad, runLoad } from './load.js';

/**
 * `npm run bench -- service [--only knowledge,cases] [--articles N] [--queries N] [--seconds S]`: the
 * service app's benchmarks. Cases: `service.case.create.v1` at concurrency 1 and 32 with a queue
 * (round-robin over 10 agents), two active workflow rules evaluated on every create and the seeded
 * SLA policy started, calls/s, p50, p99. Knowledge
 * search: N published articles (default 100,000; Chinese and English, 300–2000 characters made from
 * word lists) seeded by bulk SQL through the app's own tokenizer and posting weights (the inverted
 * index's term index dropped during the load and built once after it), then searches end to end over
 * the broker (raw amqplib, caller + employee token), one at a time, for a mix of Chinese and English
 * queries, then case suggestions (subject + description, `queries / 5` of them): p50/p95/p99, with
 * the machine's load average.
 */
export async function runServiceBench(args: string[]): Promise<void> {
  const opt = (name: string, dflt: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const at = args.indexOf('--only');
  const only = at >= 0 ? (args[at + 1] ?? '').split(',') : null;
  if (only === null || only.includes('cases')) await caseCreateBench(opt('--seconds', 10));
  if (only === null || only.includes('knowledge')) await knowledgeSearchBench(opt('--articles', 100_000), opt('--queries', 500));
}

async function caseCreateBench(seconds: number): Promise<void> {
  const stack = await Stack.start({ apps: ['auth', 'service'], env: { LOG_LEVEL: 'warn', ACTOR_CACHE_TTL_SECONDS: '3600' } });
  const client = await RawClient.connect();
  try {
    const password = await stack.createCaller('BENCH', ['service.*']);
    const [admin, agent, ...agents] = await Promise.all(
      Array.from({ length: 12 }, (_, i) => stack.employee(i === 0 ? ['administrator'] : ['service-agent'])),
    );
    const ok = async (pattern: string, payload: unknown) => {
      const r = await client.call(stack.queue('service'), pattern, { caller: 'BENCH', password, actor: admin!.token, payload });
      if (!r.response || r.response.code !== 0) throw new Error(`${pattern}: ${JSON.stringify(r.err ?? r.response)}`);
      return r.response.data;
    };
    await ok('service.queue.create.v1', {
      name: 'Bench complaints',
      strategy: 'round-robin',
      categories: ['complaint'],
      routingOrder: 1,
      members: [agent!, ...agents].map((e) => ({ employeeId: e.employeeId, skills: ['complaints'], capacity: 1000 })),
    });
    for (const [name, value] of [
      ['bench vip', 'vip'],
      ['bench outage', 'outage'],
    ])
      await ok('service.workflow-rule.create.v1', {
        name,
        trigger: 'case-created',
        conditions: [{ field: 'subject', op: 'contains', value }],
        actions: [{ type: 'set-priority', priority: 'high' }],
      });
    const makeBody = (run: string) => (i: number) => ({
      pattern: 'service.case.create.v1',
      data: {
        caller: 'BENCH',
        password,
        actor: agent!.token,
        requestId: `${run}-${i}`,
        payload: {
          channel: 'phone',
          category: 'complaint',
          priority: 'normal',
          subject: i % 10 === 0 ? `vip customer ${i}: broadband drops` : `broadband drops ${i}`,
          description: 'The line drops three times every evening.',
        },
      },
    });
    console.log(`service.case.create.v1 (queue round-robin over 11 agents, 2 workflow rules, SLA clock), ${seconds} s each:`);
    for (const c of [1, 32]) {
      await runLoad({
        amqpUrl: stack.env.AMQP_URL!,
        queue: stack.queue('service'),
        concurrency: c,
        durationMs: 1500,
        makeBody: makeBody(`warm${c}`),
      });
      const r = await runLoad({
        amqpUrl: stack.env.AMQP_URL!,
        queue: stack.queue('service'),
        concurrency: c,
        durationMs: seconds * 1000,
        makeBody: makeBody(`run${c}`),
      });
      console.log(`  c${String(c).padEnd(3)} ${fmtLoad(r)}  (load average ${loadavg()[0]!.toFixed(1)})`);
    }
  } finally {
    await client.close();
    await stack.stop();
  }
}

const ZH_WORDS = (
  '宽带 故障 光猫 路由器 指示灯 重启 上网 网速 断网 掉线 信号 机顶盒 电视 遥控器 手机 套餐 流量 话费 充值 账单 ' +
  '欠费 停机 复机 携号转网 营业厅 实名 身份证 密码 重置 短信 验证码 漫游 国际 来电 显示 呼叫 转移 语音 信箱 ' +
  '投诉 工单 派单 催单 回单 维修 上门 预约 安装 拆机 移机 光纤 端口 分光器 光衰 红灯 闪烁 无线 信道 干扰 ' +
  '用户 客户 账户 合同 续约 优惠 活动 积分 兑换 会员 权益 宽带账号 拨号 认证 失败 错误 代码 超时 延迟 丢包 ' +
  '测速 带宽 千兆 百兆 升级 降级 变更 取消 退订 订购 增值 业务 彩铃 视频 会员卡 副卡 亲情 号码 选号 靓号 ' +
  '基站 覆盖 室内 弱覆盖 投诉单 处理 时限 回访 满意度 评价 解释 口径 资费 标准 收费 退费 赔偿 减免 核实 记录 ' +
  '物联网 专线 企业 政企 集团 云电脑 云存储 天翼 固话 座机 传真 分机 总机 号码簿 黑名单 骚扰 拦截 诈骗 风险 提醒'
).split(' ');
const EN_WORDS = (
  'router modem password reset fibre broadband outage fault signal light blinking restart connection internet speed slow drop ' +
  'wifi channel interference tv settop remote mobile plan data usage bill payment balance suspend resume port number transfer ' +
  'roaming international voicemail pin sms code verification account contract renewal discount offer points loyalty member ' +
  'login authentication failed error timeout latency packet loss test bandwidth gigabit upgrade downgrade change cancel order ' +
  'subscription service video ringtone sim card esim activation coverage indoor tower complaint ticket dispatch urge reply ' +
  'repair visit appointment installation removal relocation splitter attenuation red green amber wireless network customer ' +
  'refund compensation waiver charge tariff standard invoice email portal app firmware update configure settings default factory ' +
  'cable ethernet lan wan dns dhcp address gateway firewall parental control guest band frequency antenna battery power adapter'
).split(' ');

/** Deterministic PRNG (mulberry32), so every run seeds the same articles. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 71 | t));
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Word choice with a Zipf-like skew (frequent words frequent, rare words rare), as in real text. */
function zipfPicker(words: string[], rnd: () => number): () => string {
  const weights = words.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  return () => {
    const r = rnd();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}

/**
 * Knowledge articles are about something: each draws a handful of topic terms (two-word compounds
 * from the lists: 宽带 + 故障, router + reset — thousands of them, Zipf-skewed) and mixes them with
 * common words, as real articles do; a body of only common words would make every word occur in
 * every article, which no knowledge base looks like.
 */
function article(i: number, rnd: () => number, zh: () => string, en: () => string) {
  const chinese = i % 2 === 0;
  const pick = chinese ? zh : en;
  const join = chinese ? '' : ' ';
  const topics = Array.from({ length: 6 }, () => `${pick()}${join}${pick()}`);
  const word = () => (rnd() < 0.35 ? topics[Math.floor(rnd() * topics.length)]! : pick());
  const target = 300 + Math.floor(rnd() * 1700);
  const title = [topics[0]!, topics[1]!, pick()].join(join);
  let body = '';
  while (body.length < target) {
    const sentence = Array.from({ length: 5 + Math.floor(rnd() * 8) }, word).join(join);
    body += chinese ? `${sentence}。` : `${sentence[0]!.toUpperCase()}${sentence.slice(1)}. `;
  }
  return { title, body: body.slice(0, 2000), language: chinese ? 'zh' : 'en', category: ['broadband', 'mobile', 'tv', 'billing'][i % 4]! };
}

/** `n` articles as the bench seeds them (also for probing the index outside the bench). */
export function makeArticles(n: number) {
  const rnd = prng(42);
  const zh = zipfPicker(ZH_WORDS, rnd);
  const en = zipfPicker(EN_WORDS, rnd);
  return Array.from({ length: n }, (_, i) => article(i, rnd, zh, en));
}

async function knowledgeSearchBench(articles: number, queries: number): Promise<void> {
  const stack = await Stack.start({ apps: ['auth', 'service'], env: { LOG_LEVEL: 'warn' } });
  try {
    const password = await stack.createCaller('BENCH', ['service.knowledge.*', 'service.case.suggest-articles.v1']);
    const agent = await stack.employee(['service-agent']);
    const db = await stack.db('service');
    const rnd = prng(42);
    const zh = zipfPicker(ZH_WORDS, rnd);
    const en = zipfPicker(EN_WORDS, rnd);
    const t0 = performance.now();
    // Bulk load without the inverted index's term index, then build it once (a sort, much faster than
    // row-by-row inserts); postings go in primary-key order (article, then token), so they append.
    await db.query('ALTER TABLE knowledge_posting DROP INDEX ix_knowledge_posting_term');
    let chars = 0;
    let postingRows = 0;
    const df = new Map<string, number>();
    const batch = 200;
    for (let start = 0; start < articles; start += batch) {
      const a: unknown[][] = [];
      const v: unknown[][] = [];
      const s: unknown[][] = [];
      const p: unknown[][] = [];
      for (let i = start; i < Math.min(articles, start + batch); i++) {
        const x = article(i, rnd, zh, en);
        chars += x.body.length;
        const id = randomUUID();
        const at = new Date(Date.UTC(2026, 0, 1) + i * 1000);
        const tags = JSON.stringify([x.category]);
        a.push([id, 'E100001', 'published', x.title, x.category, tags, x.language, 1, null, 1, 4, at, at]);
        v.push([
          randomUUID(),
          id,
          1,
          'published',
          x.title,
          x.body,
          x.category,
          tags,
          x.language,
          'E100001',
          '["E100001"]',
          at,
          'E100002',
          at,
          'E100002',
          at,
          at,
          at,
        ]);
        const titleTokens = indexText(x.title);
        const bodyTokens = indexText(x.body);
        s.push([i + 1, id, 1, x.title, x.category, tags, x.language, x.body.slice(0, 280), titleTokens, bodyTokens, at]);
        for (const t of articlePostings(titleTokens.split(' '), bodyTokens.split(' ')).postings) {
          p.push([i + 1, t.token, t.impact]);
          df.set(t.token, (df.get(t.token) ?? 0) + 1);
        }
      }
      postingRows += p.length;
      await db.query(
        'INSERT INTO knowledge_article (id, owner_id, state, title, category, tags, language, published_version_no, working_version_no, last_version_no, version, created_at, updated_at) VALUES ?',
        [a],
      );
      await db.query(
        'INSERT INTO knowledge_article_version (id, article_id, version_no, state, title, body, category, tags, language, author_id, contributors, submitted_at, approved_by, approved_at, published_by, published_at, created_at, updated_at) VALUES ?',
        [v],
      );
      await db.query(
        'INSERT INTO knowledge_search (doc_no, article_id, version_no, title, category, tags, language, snippet, title_tokens, body_tokens, published_at) VALUES ?',
        [s],
      );
      await db.query('INSERT INTO knowledge_posting (doc_no, token, impact) VALUES ?', [p]);
    }
    const terms = [...df.entries()];
    for (let i = 0; i < terms.length; i += 5000)
      await db.query('INSERT INTO knowledge_term (token, df) VALUES ?', [terms.slice(i, i + 5000)]);
    const loaded = performance.now();
    await db.query('ALTER TABLE knowledge_posting ADD INDEX ix_knowledge_posting_term (token, impact, doc_no)');
    await db.query('ANALYZE TABLE knowledge_search, knowledge_posting, knowledge_term');
    const indexed = performance.now();
    const sizes = (await db.query(
      "SELECT table_name AS t, ROUND(SUM(data_length + index_length) / 1048576) AS mb FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('knowledge_search', 'knowledge_posting', 'knowledge_term') GROUP BY table_name ORDER BY table_name",
    )) as unknown as [Array<{ t: string; mb: number }>];
    await db.end();
    console.log(
      `\nKnowledge search: ${articles} published articles (half Chinese, half English, avg ${Math.round(chars / articles)} chars), ` +
        `${postingRows} postings, ${terms.length} distinct terms; loaded in ${((loaded - t0) / 1000).toFixed(1)} s, term index built in ` +
        `${((indexed - loaded) / 1000).toFixed(1)} s; ${sizes[0].map((r) => `${r.t} ≈ ${r.mb} MB`).join(', ')}; load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );

    // Queries: two or three words from the middle of the vocabularies (not the commonest, not the rarest), half Chinese.
    const qr = prng(7);
    const mid = (words: string[]) => words[5 + Math.floor(qr() * (words.length - 20))]!;
    const makeQuery = (i: number) =>
      i % 2 === 0
        ? Array.from({ length: 2 + (i % 3 === 0 ? 1 : 0) }, () => mid(ZH_WORDS)).join(' ')
        : Array.from({ length: 2 + (i % 3 === 0 ? 1 : 0) }, () => mid(EN_WORDS)).join(' ');
    const conn = await amqplib.connect(stack.env.AMQP_URL!, { noDelay: true });
    const ch = await conn.createChannel();
    const pending = new Map<string, (body: any) => void>();
    await ch.consume(
      'amq.rabbitmq.reply-to',
      (m) => {
        if (!m) return;
        pending.get(m.properties.correlationId)?.(JSON.parse(m.content.toString()));
        pending.delete(m.properties.correlationId);
      },
      { noAck: true },
    );
    const call = (pattern: string, payload: Record<string, unknown>) => {
      const id = randomUUID();
      const body = { pattern, id, data: { caller: 'BENCH', password, actor: agent.token, payload } };
      return new Promise<any>((resolve) => {
        pending.set(id, resolve);
        ch.sendToQueue(stack.queue('service'), Buffer.from(JSON.stringify(body)), {
          replyTo: 'amq.rabbitmq.reply-to',
          correlationId: id,
          persistent: true,
          contentType: 'application/json',
        });
      });
    };
    const search = (query: string) => call('service.knowledge.search.v1', { query, limit: 10 });
    for (let i = 0; i < 50; i++) await search(makeQuery(i)); // warm-up: caches, JIT, pools
    const lat: Record<'zh' | 'en' | 'all', number[]> = { zh: [], en: [], all: [] };
    let errors = 0;
    let hits = 0;
    for (let i = 0; i < queries; i++) {
      const q = makeQuery(i);
      const t = performance.now();
      const reply = await search(q);
      const ms = performance.now() - t;
      if (reply.response?.code !== 0) errors++;
      else hits += reply.response.data.items.length;
      lat[i % 2 === 0 ? 'zh' : 'en'].push(ms);
      lat.all.push(ms);
    }
    // Case suggestions: a subject of two words and a description of 20–40 words as the articles use them.
    const sr = prng(11);
    const szh = zipfPicker(ZH_WORDS, sr);
    const sen = zipfPicker(EN_WORDS, sr);
    const suggestLat: Record<'zh' | 'en' | 'all', number[]> = { zh: [], en: [], all: [] };
    const suggestions = Math.max(10, Math.floor(queries / 5));
    for (let i = 0; i < suggestions; i++) {
      const chinese = i % 2 === 0;
      const pick = chinese ? szh : sen;
      const join = chinese ? '' : ' ';
      const subject = [mid(chinese ? ZH_WORDS : EN_WORDS), mid(chinese ? ZH_WORDS : EN_WORDS)].join(join);
      const description = Array.from({ length: 20 + Math.floor(sr() * 20) }, pick).join(join);
      const t = performance.now();
      const reply = await call('service.case.suggest-articles.v1', { subject, description });
      const ms = performance.now() - t;
      if (reply.response?.code !== 0) errors++;
      suggestLat[chinese ? 'zh' : 'en'].push(ms);
      suggestLat.all.push(ms);
    }
    // Quality of the bounded search (each term reads only its best-weighted articles): the same
    // score computed exhaustively over every posting of the query's terms, top 10 compared.
    const exact = await stack.db('service');
    const [[{ n: total }]] = (await exact.query('SELECT COUNT(*) AS n FROM knowledge_search')) as unknown as [[{ n: number }]];
    let overlap = 0;
    let firstSame = 0;
    const checks = Math.min(40, queries);
    for (let i = 0; i < checks; i++) {
      const q = makeQuery(i);
      const reply = await search(q);
      const got: string[] = reply.response.data.items.map((h: { articleId: string }) => h.articleId);
      const tokens = queryTerms(q).map((t) => t.token);
      const [dfs] = (await exact.query('SELECT token, df FROM knowledge_term WHERE token IN (?) AND df > 0', [tokens])) as unknown as [
        Array<{ token: string; df: number }>,
      ];
      const weight = dfs.map((d) => `WHEN ${exact.escape(d.token)} THEN ${Math.log(1 + (total - d.df + 0.5) / (d.df + 0.5))}`).join(' ');
      const [best] = (await exact.query(
        `SELECT s.article_id FROM (SELECT doc_no, SUM(impact * CASE token ${weight} END) / 100 * (0.5 + COUNT(*) / ?) AS score
           FROM knowledge_posting WHERE token IN (?) GROUP BY doc_no ORDER BY score DESC, doc_no DESC LIMIT 10) x
         JOIN knowledge_search s ON s.doc_no = x.doc_no ORDER BY x.score DESC, x.doc_no DESC`,
        [tokens.length, dfs.map((d) => d.token)],
      )) as unknown as [Array<{ article_id: string }>];
      const want = best.map((r) => r.article_id);
      overlap += want.filter((id) => got.includes(id)).length / Math.max(1, want.length);
      if (want[0] === got[0]) firstSame++;
    }
    await exact.end();
    await conn.close();
    const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
    const line = (xs: number[], k: string) =>
      `  ${k.padEnd(4)} n=${xs.length}  p50 ${pct(xs, 50).toFixed(1)} ms  p95 ${pct(xs, 95).toFixed(1)} ms  p99 ${pct(xs, 99).toFixed(1)} ms`;
    console.log(
      `Search end to end over the broker, one at a time, limit 10 (${errors} errors, ${(hits / queries).toFixed(1)} hits per query; ` +
        `load average now ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}):`,
    );
    for (const k of ['zh', 'en', 'all'] as const) console.log(line(lat[k], k));
    console.log('Case suggestions (service.case.suggest-articles.v1, subject + description, limit 5):');
    for (const k of ['zh', 'en', 'all'] as const) console.log(line(suggestLat[k], k));
    console.log(
      `Against exhaustive scoring of every posting (${checks} queries): top-10 overlap ${((100 * overlap) / checks).toFixed(1)} %, ` +
        `same first hit ${firstSame}/${checks}`,
    );
  } finally {
    await stack.stop();
  }
}
