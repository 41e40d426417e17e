import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, ErrorCode, PRICE_BOOK_UPDATED_V1 } from '@crm/contracts';
import type { Change, ChangeRecorder } from '@crm/outbox';
import { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import { advertisingProduct, partnerAdEntry } from './advertising-product.fixture.js';
import type { PriceBookEntity, PriceBookEntryEntity } from './price-book.entity.js';
import type { BookTarget, PriceBookRepository } from './price-book.repository.js';
import { PriceBookService } from './price-book.service.js';
import type { ProductEntity } from './product.entity.js';
import type { ProductRepository } from './product.repository.js';

const ad = advertisingProduct('9a1b2c3d-0000-4000-8000-000000000001');
const adRow = { ...ad, ...ad.definition } as unknown as ProductEntity;

/** Books and entries in maps; `overlapping` filters as the SQL plus the service's test do. */
class FakeBooks {
  readonly books = new Map<string, PriceBookEntity>();
  readonly entries = new Map<string, PriceBookEntryEntity[]>();

  async insert(_m: EntityManager, row: Omit<PriceBookEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<PriceBookEntity> {
    const at = new Date('2026-11-01T00:00:00Z');
    const full = { ...row, version: 1, createdAt: at, updatedAt: at };
    this.books.set(row.id, full);
    return { ...full };
  }
  async update(_m: EntityManager, id: string, patch: Partial<PriceBookEntity>): Promise<PriceBookEntity> {
    this.books.set(id, { ...this.books.get(id)!, ...patch });
    return { ...this.books.get(id)! };
  }
  async replaceEntries(_m: EntityManager, id: string, rows: PriceBookEntryEntity[]): Promise<void> {
    this.entries.set(id, rows);
  }
  async findById(id: string): Promise<PriceBookEntity | null> {
    return this.books.has(id) ? { ...this.books.get(id)! } : null;
  }
  async entriesOf(_m: EntityManager, ids: string[]): Promise<Map<string, PriceBookEntryEntity[]>> {
    return new Map(ids.map((id) => [id, this.entries.get(id) ?? []]));
  }
  async overlapping(_m: EntityManager, t: BookTarget, from: Date, to: Date | null, exceptId: string | null): Promise<PriceBookEntity[]> {
    return [...this.books.values()].filter(
      (b) =>
        b.channel === t.channel &&
        b.segment === t.segment &&
        b.currency === t.currency &&
        b.id !== exceptId &&
        b.active &&
        (to === null || b.validFrom < to) &&
        (b.validTo === null || b.validTo > from),
    );
  }
}

function setup() {
  const books = new FakeBooks();
  const recorded: Change[] = [];
  const changes = { record: async (_m: unknown, _c: unknown, change: Change) => void recorded.push(change) } as unknown as ChangeRecorder;
  const dataSource = {
    manager: {},
    transaction: async <T>(run: (m: EntityManager) => Promise<T>) => run({} as EntityManager),
  } as unknown as DataSource;
  const products = {
    findByIds: async (_m: unknown, ids: string[]) => (ids.includes(ad.id) ? [adRow] : []),
  } as unknown as ProductRepository;
  const service = new PriceBookService(
    dataSource,
    changes,
    books as unknown as PriceBookRepository,
    products,
    new ListCursorCodec([Buffer.alloc(32, 7)]),
  );
  return { service, books, recorded };
}

const ctx: CallContext = {
  caller: 'FRONTEND',
  employeeId: 'E100001',
  requestKey: null,
  requestId: 'rq-1',
  scope: { scope: 'all', owners: null },
  permissions: ['product.write'],
};

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as CrmError,
  );

describe('PriceBookService', () => {
  it('creates a partner book and refuses an overlapping one for the same channel (half-open validity)', async () => {
    const { service, recorded } = setup();
    const q1 = { name: 'Partner Q1', channel: 'partner' as const, validFrom: '2027-01-01T00:00:00Z', validTo: '2027-04-01T00:00:00Z' };
    const book = await service.create({ ...q1, entries: [partnerAdEntry(ad.id)] }, ctx);
    expect(book).toMatchObject({ channel: 'partner', segment: null, currency: 'CNY', entries: [{ productId: ad.id, basePrice: '25.00' }] });
    // [2027-03-01, …) overlaps [2027-01-01, 2027-04-01)
    const clash = await refusal(
      service.create({ ...q1, name: 'Partner March', validFrom: '2027-03-01T00:00:00Z', validTo: undefined }, ctx),
    );
    expect(clash.code).toBe(ErrorCode.Conflict);
    // starting exactly at the end of Q1 does not overlap: validTo is exclusive
    expect(
      await service.create({ ...q1, name: 'Partner Q2', validFrom: '2027-04-01T00:00:00Z', validTo: '2027-07-01T00:00:00Z' }, ctx),
    ).toMatchObject({
      name: 'Partner Q2',
    });
    // another channel, or the same channel for a segment, is another target
    await service.create({ ...q1, name: 'Partner business', segment: 'business' }, ctx);
    expect(recorded.map((c) => c.action)).toEqual(['create', 'create', 'create']);
  });

  it('refuses a book for nobody, validTo before validFrom, and entries that do not fit the product', async () => {
    const { service } = setup();
    expect((await refusal(service.create({ name: 'x', validFrom: '2027-01-01T00:00:00Z' }, ctx))).details![0]!.field).toBe('channel');
    const e = await refusal(
      service.create(
        {
          name: 'x',
          channel: 'online',
          validFrom: '2027-01-01T00:00:00Z',
          validTo: '2026-01-01T00:00:00Z',
          entries: [{ productId: ad.id, adders: [{ option: 'slot', value: 'noon', adder: { kind: 'percent', percent: '5' } }] }],
        },
        ctx,
      ),
    );
    expect(e.code).toBe(ErrorCode.ValidationFailed);
    expect(e.details!.map((d) => d.field)).toEqual(['validTo', 'entries[0].adders[0].value']);
  });

  it('update: stale version 4090, entries replaced and recorded', async () => {
    const { service, books, recorded } = setup();
    const book = await service.create({ name: 'Online', channel: 'online', validFrom: '2027-01-01T00:00:00Z' }, ctx);
    expect((await refusal(service.update({ priceBookId: book.priceBookId, version: 3 }, ctx))).code).toBe(ErrorCode.Conflict);
    const after = await service.update(
      { priceBookId: book.priceBookId, version: 1, entries: [{ productId: ad.id, basePrice: '28.5' }] },
      ctx,
    );
    expect(after).toMatchObject({ version: 2, entries: [{ productId: ad.id, basePrice: '28.50' }] });
    expect(books.entries.get(book.priceBookId)).toHaveLength(1);
    expect(recorded.at(-1)).toMatchObject({
      action: 'update',
      event: { pattern: PRICE_BOOK_UPDATED_V1, data: { changedFields: ['entries'] } },
    });
  });
});
