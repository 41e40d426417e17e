import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RawClient } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';

jest.setTimeout(120_000);

/**
 * The knowledge base over the wire (raw amqplib, a front end's caller + employee tokens): review by
 * another employee (the author's own approval is 4030, a service agent cannot publish), stale
 * versions, Chinese and English search ranking the right article first among distractors, and
 * article suggestions for a case's subject and description.
 */
type Employee = { employeeId: string; token: string };
let stack: Stack;
let client: RawClient;
let password: string;
let agent: Employee, manager: Employee, admin: Employee;

async function call(pattern: string, payload: unknown, who: Employee): Promise<{ code: number; data?: any; message?: string }> {
  const reply = await client.call(stack.queue('service'), pattern, {
    caller: 'FRONTEND',
    password,
    requestId: `rq-${randomUUID()}`,
    payload,
    actor: who.token,
  });
  return reply.response ? { code: reply.response.code, data: reply.response.data } : { code: reply.err!.code, message: reply.err!.message };
}

/** Written by `author`, submitted, approved and published by `manager`; returns the article id. */
async function published(author: Employee, article: { title: string; body: string; category: string; tags?: string[] }): Promise<string> {
  const created = await call('service.knowledge.create.v1', article, author);
  expect(created.code).toBe(0);
  const id = created.data.articleId as string;
  const submitted = await call('service.knowledge.submit.v1', { articleId: id, version: created.data.version }, author);
  expect(submitted.code).toBe(0);
  const done = await call('service.knowledge.publish.v1', { articleId: id, version: submitted.data.version }, manager);
  expect(done).toMatchObject({ code: 0, data: { state: 'published' } });
  return id;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'service'] });
  client = await RawClient.connect();
  password = await stack.createCaller('FRONTEND', ['service.knowledge.*', 'service.case.suggest-articles.v1']);
  [agent, manager, admin] = await Promise.all([
    stack.employee(['service-agent']),
    stack.employee(['manager']),
    stack.employee(['administrator']),
  ]);
  const articles: Record<string, { title: string; body: string; category: string }> = {
    fault: {
      title: '宽带出现故障怎么办',
      body: '当宽带出现故障无法上网时，请先重启光猫和路由器，检查光猫指示灯是否正常。',
      category: 'broadband',
    },
    install: {
      title: '宽带安装预约',
      body: '新装宽带需要预约上门安装时间，安装人员会携带光猫到现场。宽带开通后即可上网。',
      category: 'broadband',
    },
    tv: { title: '电视故障排查', body: '电视没有信号的故障，请检查机顶盒电源和遥控器。', category: 'tv' },
    plan: { title: '手机套餐变更', body: '手机套餐可以在营业厅或网上营业厅变更，次月生效。', category: 'mobile' },
    router: {
      title: 'How to reset your router password',
      body: 'If you forgot the router admin password, hold the reset button for 10 seconds, then log in with the default password.',
      category: 'broadband',
    },
    routerInstall: {
      title: 'Router installation guide',
      body: 'Place the router in a central location and connect the fibre cable to the WAN port.',
      category: 'broadband',
    },
    voicemail: {
      title: 'Reset your voicemail PIN',
      body: 'Call the voicemail number and follow the prompts to reset the PIN code of your voicemail.',
      category: 'mobile',
    },
  };
  for (const [k, a] of Object.entries(articles)) ids[k] = await published(agent, a);
});

afterAll(async () => {
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('knowledge base', () => {
  it("review: the author's own approval is 4030 with a clear message; another employee holding knowledge.publish approves and publishes", async () => {
    const created = await call(
      'service.knowledge.create.v1',
      { title: 'Roaming activation', body: 'Dial *100# to activate roaming.', category: 'mobile' },
      admin,
    );
    expect(created).toMatchObject({
      code: 0,
      data: { state: 'draft', language: 'en', version: 1, working: { versionNo: 1, authorId: admin.employeeId } },
    });
    const id = created.data.articleId;
    const submitted = await call('service.knowledge.submit.v1', { articleId: id, version: 1 }, admin);
    expect(submitted).toMatchObject({ code: 0, data: { state: 'in_review', version: 2 } });
    const own = await call('service.knowledge.approve.v1', { articleId: id, version: 2 }, admin);
    expect(own.code).toBe(4030);
    expect(own.message).toMatch(/you wrote version 1 of article .*another employee holding knowledge\.publish must approve it/);
    const approved = await call('service.knowledge.approve.v1', { articleId: id, version: 2 }, manager);
    expect(approved).toMatchObject({ code: 0, data: { state: 'approved', working: { approvedBy: manager.employeeId } } });
    // A stale version is 4090.
    expect((await call('service.knowledge.publish.v1', { articleId: id, version: 2 }, manager)).code).toBe(4090);
    const pub = await call('service.knowledge.publish.v1', { articleId: id, version: 3 }, manager);
    expect(pub).toMatchObject({
      code: 0,
      data: { state: 'published', working: null, published: { versionNo: 1, publishedBy: manager.employeeId } },
    });
    expect((await call('service.knowledge.search.v1', { query: 'roaming' }, agent)).data.items[0].articleId).toBe(id);
  });

  it('a service agent writes and submits but cannot approve or publish (4030)', async () => {
    const created = await call(
      'service.knowledge.create.v1',
      { title: '流量包订购', body: '发送短信订购流量包。', category: 'mobile' },
      agent,
    );
    const submitted = await call('service.knowledge.submit.v1', { articleId: created.data.articleId, version: 1 }, agent);
    expect(submitted.code).toBe(0);
    expect((await call('service.knowledge.publish.v1', { articleId: created.data.articleId, version: 2 }, agent)).code).toBe(4030);
    expect((await call('service.knowledge.approve.v1', { articleId: created.data.articleId, version: 2 }, agent)).code).toBe(4030);
  });

  it('an edit of a published article is a new draft version; search shows the published one until the new one is published', async () => {
    const before = await call('service.knowledge.get.v1', { articleId: ids.plan }, agent);
    const edited = await call(
      'service.knowledge.update.v1',
      { articleId: ids.plan, version: before.data.version, title: '手机套餐变更与取消' },
      agent,
    );
    expect(edited).toMatchObject({
      code: 0,
      data: { state: 'draft', published: { versionNo: 1, title: '手机套餐变更' }, working: { versionNo: 2 } },
    });
    const hit = (await call('service.knowledge.search.v1', { query: '套餐' }, agent)).data.items[0];
    expect(hit).toMatchObject({ articleId: ids.plan, versionNo: 1, title: '手机套餐变更' });
  });

  it('宽带 故障 finds the article about 宽带出现故障 first among distractors', async () => {
    const r = await call('service.knowledge.search.v1', { query: '宽带 故障' }, agent);
    expect(r.code).toBe(0);
    expect(r.data.terms).toEqual(['宽带', '故障']);
    expect(r.data.items[0]).toMatchObject({ articleId: ids.fault, matchedTerms: ['宽带', '故障'], language: 'zh' });
    expect(r.data.items.map((h: any) => h.articleId)).toEqual(expect.arrayContaining([ids.install, ids.tv]));
    expect(r.data.items.map((h: any) => h.articleId)).not.toContain(ids.plan);
    // A category filter and a one-character query.
    const tv = await call('service.knowledge.search.v1', { query: '故障', category: 'tv' }, agent);
    expect(tv.data.items.map((h: any) => h.articleId)).toEqual([ids.tv]);
    expect((await call('service.knowledge.search.v1', { query: '猫' }, agent)).data.items.map((h: any) => h.articleId)).toEqual(
      expect.arrayContaining([ids.fault, ids.install]),
    );
  });

  it('router reset password ranks the right English article first', async () => {
    const r = await call('service.knowledge.search.v1', { query: 'router reset password' }, agent);
    expect(r.data.items[0]).toMatchObject({ articleId: ids.router, matchedTerms: ['router', 'reset', 'password'] });
    expect(r.data.items.map((h: any) => h.articleId)).toEqual(expect.arrayContaining([ids.routerInstall, ids.voicemail]));
  });

  it('suggest-articles ranks articles for a case subject and description; bad input is 4220', async () => {
    const r = await call(
      'service.case.suggest-articles.v1',
      { subject: '客户宽带无法上网', description: '客户反映家里宽带出现故障，光猫指示灯红色闪烁，已经重启过路由器。' },
      agent,
    );
    expect(r.code).toBe(0);
    expect(r.data.caseId).toBeNull();
    expect(r.data.items[0]).toMatchObject({ articleId: ids.fault, matchedTerms: expect.arrayContaining(['宽带', '故障', '光猫']) });
    expect(r.data.items[0].score).toBeGreaterThan(r.data.items[1].score);
    const none = await call('service.case.suggest-articles.v1', {}, agent);
    expect(none.code).toBe(4220);
    expect((await call('service.case.suggest-articles.v1', { caseId: randomUUID() }, agent)).code).toBe(4040);
  });

  it('lists newest first with filters', async () => {
    const page = await call('service.knowledge.list.v1', { category: 'broadband', state: 'published', limit: 2 }, agent);
    expect(page.code).toBe(0);
    expect(page.data.items).toHaveLength(2);
    expect(page.data.nextCursor).toEqual(expect.any(String));
    const next = await call(
      'service.knowledge.list.v1',
      { category: 'broadband', state: 'published', limit: 2, cursor: page.data.nextCursor },
      agent,
    );
    expect([...page.data.items, ...next.data.items].map((a: any) => a.articleId)).toEqual([
      ids.routerInstall,
      ids.router,
      ids.install,
      ids.fault,
    ]);
    expect((await call('service.knowledge.list.v1', { state: 'nope' }, agent)).code).toBe(4220);
  });
});
