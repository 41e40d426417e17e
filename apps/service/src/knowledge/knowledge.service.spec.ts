import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, type ArticleTransitionDto } from '@crm/contracts';
import type { ChangeRecorder } from '@crm/outbox';
import type { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import type { ArticleVersionEntity } from './article-version.entity.js';
import type { ArticleEntity } from './article.entity.js';
import type { KnowledgeSearchRepository, SearchRow } from './knowledge-search.repository.js';
import type { ArticleVisibility, KnowledgeRepository } from './knowledge.repository.js';
import { KnowledgeService } from './knowledge.service.js';

/** In-memory articles and versions, with the repository's visibility rule. */
class FakeArticles {
  articles = new Map<string, ArticleEntity>();
  versionsById = new Map<string, ArticleVersionEntity>();

  async insert(_m: EntityManager, a: Omit<ArticleEntity, 'version' | 'createdAt' | 'updatedAt'>) {
    this.articles.set(a.id, { ...a, version: 1, createdAt: new Date(), updatedAt: new Date() });
  }
  async insertVersion(_m: EntityManager, v: Omit<ArticleVersionEntity, 'createdAt' | 'updatedAt'>) {
    const row = { ...v, createdAt: new Date(), updatedAt: new Date() };
    this.versionsById.set(v.id, row);
    return { ...row };
  }
  async find(id: string, visible: ArticleVisibility) {
    const a = this.articles.get(id);
    if (!a) return null;
    if (visible !== null && a.publishedVersionNo === null && !visible.includes(a.ownerId)) return null;
    return { ...a };
  }
  async versions(_m: EntityManager, articleId: string, nos: Array<number | null>) {
    return [...this.versionsById.values()].filter((v) => v.articleId === articleId && nos.includes(v.versionNo)).map((v) => ({ ...v }));
  }
  async update(_m: EntityManager, id: string, patch: Partial<ArticleEntity>) {
    const a = { ...this.articles.get(id)!, ...patch };
    this.articles.set(id, a);
    return { ...a };
  }
  async updateVersion(_m: EntityManager, id: string, patch: Partial<ArticleVersionEntity>) {
    const v = { ...this.versionsById.get(id)!, ...patch };
    this.versionsById.set(id, v);
    return { ...v };
  }
}

function setup() {
  const articles = new FakeArticles();
  const indexed = new Map<string, SearchRow>();
  const index = {
    put: async (_m: EntityManager, r: SearchRow) => void indexed.set(r.articleId, r),
    remove: async (_m: EntityManager, id: string) => void indexed.delete(id),
  } as unknown as KnowledgeSearchRepository;
  const events: Array<{ action: string; pattern?: string; data?: any }> = [];
  const changes = {
    record: async (_m: EntityManager, _ctx: CallContext, e: { action: string; event?: { pattern: string; data: unknown } }) =>
      void events.push({ action: e.action, pattern: e.event?.pattern, data: e.event?.data }),
  } as unknown as ChangeRecorder;
  const dataSource = {
    transaction: <T>(f: (m: EntityManager) => Promise<T>) => f({} as EntityManager),
    manager: {},
  } as unknown as DataSource;
  const service = new KnowledgeService(dataSource, changes, articles as unknown as KnowledgeRepository, index, {} as ListCursorCodec);
  return { service, articles, indexed, events };
}

const agent = (id: string): CallContext => ({
  caller: 'FRONTEND',
  employeeId: id,
  requestKey: null,
  requestId: null,
  scope: { scope: 'own', owners: [id] },
  permissions: ['knowledge.read', 'knowledge.write'],
});
const reviewer = (id: string): CallContext => ({
  ...agent(id),
  scope: { scope: 'team', owners: [id] },
  permissions: ['knowledge.read', 'knowledge.write', 'knowledge.publish'],
});

async function refused(p: Promise<unknown>): Promise<CrmError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CrmError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('KnowledgeService', () => {
  const draft = { title: '宽带出现故障怎么办', body: '请先重启光猫，再检查指示灯。', category: 'broadband' };

  it('create: a draft version 1 by the caller, language detected, event service.knowledge.created.v1', async () => {
    const { service, events } = setup();
    const a = await service.create(draft, agent('E100001'));
    expect(a).toMatchObject({
      state: 'draft',
      version: 1,
      language: 'zh',
      authorId: 'E100001',
      published: null,
      working: { versionNo: 1, state: 'draft' },
    });
    expect(events).toEqual([expect.objectContaining({ action: 'create', pattern: 'service.knowledge.created.v1' })]);
  });

  it('the author cannot approve or publish their own version (4030), another reviewer can; search then holds it', async () => {
    const { service, indexed, events } = setup();
    const author = reviewer('E100001');
    const a = await service.create(draft, author);
    const submitted = await service.submit({ articleId: a.articleId, version: 1 }, author);
    const own = await refused(service.approve({ articleId: a.articleId, version: submitted.version }, author));
    expect(own.code).toBe(4030);
    expect(own.message).toMatch(/you wrote version 1 of article .*another employee holding knowledge\.publish must approve it/);
    expect((await refused(service.publish({ articleId: a.articleId, version: submitted.version }, author))).code).toBe(4030);
    const approved = await service.approve({ articleId: a.articleId, version: submitted.version }, reviewer('E100009'));
    const published = await service.publish({ articleId: a.articleId, version: approved.version }, reviewer('E100009'));
    expect(published).toMatchObject({
      state: 'published',
      version: 4,
      working: null,
      published: { versionNo: 1, approvedBy: 'E100009', publishedBy: 'E100009' },
    });
    expect(indexed.get(a.articleId)).toMatchObject({
      versionNo: 1,
      title: draft.title,
      titleTokens: expect.stringMatching(/^c[0-9a-z]{8}( c[0-9a-z]{8})+$/),
    });
    expect(events.map((e) => e.pattern)).toEqual([
      'service.knowledge.created.v1',
      'service.knowledge.submitted.v1',
      'service.knowledge.approved.v1',
      'service.knowledge.published.v1',
    ]);
    expect(events[3]!.data).toMatchObject({ approvedBy: 'E100009', publishedBy: 'E100009', supersededVersionNo: null });
  });

  it('someone who edited the version is a writer too', async () => {
    const { service } = setup();
    const a = await service.create(draft, agent('E100001'));
    const edited = await service.update({ articleId: a.articleId, version: 1, body: '新的正文' }, reviewer('E100002'));
    expect(edited.working!.contributors).toEqual(['E100001', 'E100002']);
    const s = await service.submit({ articleId: a.articleId, version: edited.version }, agent('E100001'));
    expect((await refused(service.approve({ articleId: a.articleId, version: s.version }, reviewer('E100002')))).code).toBe(4030);
  });

  it('a stale version is 4090; an illegal step is 4090', async () => {
    const { service } = setup();
    const a = await service.create(draft, agent('E100001'));
    await service.submit({ articleId: a.articleId, version: 1 }, agent('E100001'));
    expect((await refused(service.submit({ articleId: a.articleId, version: 1 }, agent('E100001')))).code).toBe(4090);
    const again = await refused(service.submit({ articleId: a.articleId, version: 2 }, agent('E100001')));
    expect([again.code, again.message]).toEqual([4090, expect.stringContaining('is in_review: it cannot be submitted')]);
  });

  it('editing a published article starts a new draft version; the published one stays until the new one is published, then is superseded', async () => {
    const { service, indexed, articles } = setup();
    const a = await service.create(draft, agent('E100001'));
    const step = async (f: (d: ArticleTransitionDto) => Promise<{ version: number }>, version: number) =>
      (await f({ articleId: a.articleId, version })).version;
    let v = await step((d) => service.submit(d, agent('E100001')), 1);
    v = await step((d) => service.publish(d, reviewer('E100009')), v);
    const edited = await service.update({ articleId: a.articleId, version: v, title: '宽带故障排查（新版）' }, agent('E100001'));
    expect(edited).toMatchObject({
      state: 'draft',
      published: { versionNo: 1, title: draft.title },
      working: { versionNo: 2, body: draft.body },
    });
    expect(indexed.get(a.articleId)!.versionNo).toBe(1);
    v = await step((d) => service.submit(d, agent('E100001')), edited.version);
    const republished = await service.publish({ articleId: a.articleId, version: v }, reviewer('E100009'));
    expect(republished).toMatchObject({ published: { versionNo: 2, title: '宽带故障排查（新版）' }, working: null });
    expect(indexed.get(a.articleId)!.versionNo).toBe(2);
    expect([...articles.versionsById.values()].map((x) => [x.versionNo, x.state]).sort()).toEqual([
      [1, 'superseded'],
      [2, 'published'],
    ]);
  });

  it("archive takes the article out of search; another agent's unpublished draft is 4040", async () => {
    const { service, indexed } = setup();
    const a = await service.create(draft, agent('E100001'));
    expect((await refused(service.get(a.articleId, agent('E100002')))).code).toBe(4040);
    const s = await service.submit({ articleId: a.articleId, version: 1 }, agent('E100001'));
    const p = await service.publish({ articleId: a.articleId, version: s.version }, reviewer('E100009'));
    expect((await service.get(a.articleId, agent('E100002'))).published!.versionNo).toBe(1);
    const archived = await service.archive({ articleId: a.articleId, version: p.version }, reviewer('E100009'));
    expect(archived).toMatchObject({ state: 'archived', published: null, working: null });
    expect(indexed.has(a.articleId)).toBe(false);
    expect((await refused(service.archive({ articleId: a.articleId, version: archived.version }, reviewer('E100009')))).code).toBe(4090);
  });
});
