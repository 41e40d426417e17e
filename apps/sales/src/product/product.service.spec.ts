import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, ErrorCode, PRODUCT_CREATED_V1, PRODUCT_UPDATED_V1, type CreateProductDto } from '@crm/contracts';
import type { Change, ChangeContext, ChangeRecorder } from '@crm/outbox';
import { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import { advertisingProductPayload } from './advertising-product.fixture.js';
import type { CataloguePricing } from './catalogue-pricing.js';
import type { ProductEntity } from './product.entity.js';
import type { ProductRepository } from './product.repository.js';
import { ProductService } from './product.service.js';

/** The repository's contract without SQL: rows in a map. */
class FakeProductRepository {
  readonly rows = new Map<string, ProductEntity>();
  updates = 0;

  async insert(_m: EntityManager, row: Omit<ProductEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<ProductEntity> {
    const at = new Date('2026-11-01T00:00:00Z');
    const full = { ...row, taxRate: Number(row.taxRate).toFixed(4), version: 1, createdAt: at, updatedAt: at } as ProductEntity;
    this.rows.set(row.id, full);
    return structuredClone(full);
  }

  async findById(id: string): Promise<ProductEntity | null> {
    const row = this.rows.get(id);
    return row ? structuredClone(row) : null;
  }

  async findByIds(_m: EntityManager, ids: readonly string[]): Promise<ProductEntity[]> {
    return ids.flatMap((id) => (this.rows.has(id) ? [structuredClone(this.rows.get(id)!)] : []));
  }

  async update(_m: EntityManager, id: string, patch: Partial<ProductEntity>): Promise<ProductEntity> {
    this.updates += 1;
    const row = { ...this.rows.get(id)!, ...patch, updatedAt: new Date('2026-11-02T00:00:00Z') };
    this.rows.set(id, row);
    return structuredClone(row);
  }
}

function setup() {
  const repo = new FakeProductRepository();
  const recorded: Array<{ context: ChangeContext; change: Change }> = [];
  const changes = {
    record: async (_m: EntityManager | null, context: ChangeContext, change: Change) => void recorded.push({ context, change }),
  } as unknown as ChangeRecorder;
  const dataSource = { transaction: async <T>(run: (m: EntityManager) => Promise<T>) => run({} as EntityManager) } as unknown as DataSource;
  const service = new ProductService(
    dataSource,
    changes,
    repo as unknown as ProductRepository,
    {} as CataloguePricing,
    new ListCursorCodec([Buffer.alloc(32, 7)]),
  );
  return { repo, recorded, service };
}

const ctx: CallContext = {
  caller: 'FRONTEND',
  employeeId: 'E100001',
  requestKey: null,
  requestId: 'rq-1',
  scope: { scope: 'all', owners: null },
  permissions: ['product.write'],
};

async function refusal(p: Promise<unknown>): Promise<CrmError> {
  return p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => {
      if (e instanceof CrmError) return e;
      throw e;
    },
  );
}

describe('ProductService', () => {
  it('creates the ad product, records it and publishes sales.product.created.v1 with the whole product', async () => {
    const { service, recorded } = setup();
    const view = await service.create(advertisingProductPayload('AD-1'), ctx);
    expect(view).toMatchObject({ sku: 'AD-1', kind: 'configurable', taxRate: '0.06', currency: 'CNY', active: true, version: 1 });
    expect(view.rules.map((r) => r.code)).toEqual([
      'VIDEO_NEEDS_DURATION',
      'BANNER_HAS_NO_DURATION',
      'VIDEO_DURATION_15_60',
      'PRIME_MIN_IMPRESSIONS',
    ]);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.change).toMatchObject({
      entity: 'product',
      entityId: view.productId,
      action: 'create',
      before: null,
      event: { pattern: PRODUCT_CREATED_V1, data: { productId: view.productId, sku: 'AD-1' } },
    });
  });

  it('refuses a definition with every problem named, and writes nothing', async () => {
    const { service, repo, recorded } = setup();
    const bad: CreateProductDto = advertisingProductPayload('AD-2');
    bad.rules![0]!.then = { key: 'length', present: true };
    bad.attributes![1]!.min = 20_000_000;
    const e = await refusal(service.create(bad, ctx));
    expect(e.code).toBe(ErrorCode.ValidationFailed);
    expect(e.details!.map((d) => d.field)).toEqual(['attributes[1].max', 'rules[0].then.key']);
    expect(repo.rows.size).toBe(0);
    expect(recorded).toHaveLength(0);
  });

  it('checks a bundle against the catalogue: unknown component, invalid fixed configuration', async () => {
    const { service } = setup();
    const ad = await service.create(advertisingProductPayload('AD-3'), ctx);
    const bundle: CreateProductDto = {
      sku: 'PACK-1',
      name: 'Launch pack',
      family: 'advertising',
      kind: 'bundle',
      unit: 'item',
      taxRate: '0.06',
      bundle: {
        discountPercent: '10',
        components: [
          {
            productId: ad.productId,
            quantity: 1,
            configuration: { slot: 'prime', region: 'national', format: 'banner', duration: 10, impressions: 50_000 },
          },
          { productId: '9a1b2c3d-0000-4000-8000-0000000000ff', quantity: 1, configuration: {} },
        ],
      },
    };
    const e = await refusal(service.create(bundle, ctx));
    expect(e.details).toEqual([
      { field: 'bundle.components[0].configuration.duration', reasons: ['BANNER_HAS_NO_DURATION: a banner has no duration'] },
      {
        field: 'bundle.components[0].configuration.impressions',
        reasons: ['PRIME_MIN_IMPRESSIONS: prime time is sold from 100000 impressions'],
      },
      { field: 'bundle.components[1].productId', reasons: ['unknown product 9a1b2c3d-0000-4000-8000-0000000000ff'] },
    ]);
    bundle.bundle!.components = [
      { productId: ad.productId, quantity: 2, configuration: { slot: 'day', region: 'national', format: 'banner', impressions: 50_000 } },
    ];
    expect(await service.create(bundle, ctx)).toMatchObject({ kind: 'bundle', pricing: null });
  });

  it('update: stale version is 4090; a change bumps the version and records changedFields; no change records nothing', async () => {
    const { service, repo, recorded } = setup();
    const ad = await service.create(advertisingProductPayload('AD-4'), ctx);
    const stale = await refusal(service.update({ productId: ad.productId, version: 2, name: 'x' }, ctx));
    expect(stale.code).toBe(ErrorCode.Conflict);
    const same = await service.update({ productId: ad.productId, version: 1, name: ad.name, taxRate: '0.0600' }, ctx);
    expect(same.version).toBe(1);
    expect(repo.updates).toBe(0);
    const pricing = { ...ad.pricing!, basePrice: '32.00' };
    const after = await service.update({ productId: ad.productId, version: 1, pricing, active: false }, ctx);
    expect(after).toMatchObject({ version: 2, active: false, pricing: { basePrice: '32.00' } });
    expect(recorded.at(-1)!.change).toMatchObject({
      action: 'update',
      before: { active: true, pricing: { basePrice: '30.00' } },
      after: { active: false, pricing: { basePrice: '32.00' } },
      event: { pattern: PRODUCT_UPDATED_V1, data: { version: 2, changedFields: ['active', 'pricing'] } },
    });
    // the merged definition is checked again: a rule naming an attribute that the update removes
    const e = await refusal(service.update({ productId: ad.productId, version: 2, attributes: [] }, ctx));
    expect(e.details!.map((d) => d.field)).toContain('rules[0].then.key');
    expect((await refusal(service.update({ productId: '9a1b2c3d-0000-4000-8000-0000000000ff', version: 1 }, ctx))).code).toBe(
      ErrorCode.NotFound,
    );
  });
});
