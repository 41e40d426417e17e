import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  DEFAULT_CURRENCY,
  ErrorCode,
  PRICE_BOOK_CREATED_V1,
  PRICE_BOOK_UPDATED_V1,
  type CreatePriceBookDto,
  type FieldError,
  type ListPriceBooksDto,
  type PriceBookEntry,
  type PriceBookPage,
  type PriceBookView,
  type UpdatePriceBookDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, retryOnDeadlock, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { PriceBookEntryEntity, type PriceBookEntity } from './price-book.entity.js';
import { PRICE_BOOK_LIST, PriceBookRepository, type BookTarget } from './price-book.repository.js';
import { checkEntries, definitionOf } from './product-definition.js';
import { toPriceBookView } from './product.mapper.js';
import { ProductRepository } from './product.repository.js';

const EDITABLE = ['name', 'validFrom', 'validTo', 'active', 'entries'] as const;
type Editable = (typeof EDITABLE)[number];

const invalid = (details: FieldError[]) => new CrmError(ErrorCode.ValidationFailed, 'price book is not valid', details);

/**
 * Price books: prices per channel and/or segment over [validFrom, validTo). Two active books of the
 * same channel, segment and currency never overlap in time (4090), so at any moment a pricing finds
 * at most one book per level of specificity.
 */
@Injectable()
export class PriceBookService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(PriceBookRepository) private readonly books: PriceBookRepository,
    @Inject(ProductRepository) private readonly products: ProductRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreatePriceBookDto, ctx: CallContext): Promise<PriceBookView> {
    const employeeId = actingEmployee(ctx);
    const target: BookTarget = { channel: dto.channel ?? null, segment: dto.segment ?? null, currency: dto.currency ?? DEFAULT_CURRENCY };
    if (!target.channel && !target.segment)
      throw invalid([{ field: 'channel', reasons: ['a price book is for a channel, a segment or both: name at least one'] }]);
    const validFrom = new Date(dto.validFrom);
    const validTo = dto.validTo ? new Date(dto.validTo) : null;
    const active = dto.active ?? true;
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const entries = await this.checked(m, dto.entries ?? [], validFrom, validTo);
        if (active) await this.refuseOverlap(m, target, validFrom, validTo, null);
        const id = randomUUID();
        const book = await this.books.insert(m, {
          id,
          name: dto.name.trim(),
          ...target,
          validFrom,
          validTo,
          active,
          createdBy: employeeId,
          updatedBy: employeeId,
        });
        const rows = entries.map((e) => entryRow(id, e));
        await this.books.replaceEntries(m, id, rows);
        const created = toPriceBookView(book, rows);
        await this.changes.record(m, ctx, {
          entity: 'price-book',
          entityId: id,
          action: 'create',
          before: null,
          after: pick(created),
          event: { pattern: PRICE_BOOK_CREATED_V1, data: created },
        });
        return created;
      }),
    );
  }

  async update(dto: UpdatePriceBookDto, ctx: CallContext): Promise<PriceBookView> {
    const employeeId = actingEmployee(ctx);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const row = await this.books.findById(dto.priceBookId, m, true);
        if (!row) throw new CrmError(ErrorCode.NotFound, `price book ${dto.priceBookId} not found`);
        if (row.version !== dto.version)
          throw new CrmError(ErrorCode.Conflict, `stale version: price book ${row.id} is at version ${row.version}`);
        const before = toPriceBookView(row, (await this.books.entriesOf(m, [row.id])).get(row.id)!);
        const validFrom = dto.validFrom ? new Date(dto.validFrom) : row.validFrom;
        const validTo = dto.validTo === undefined ? row.validTo : dto.validTo === null ? null : new Date(dto.validTo);
        const active = dto.active ?? row.active;
        const entries = await this.checked(m, dto.entries ?? before.entries, validFrom, validTo);
        if (active) await this.refuseOverlap(m, row, validFrom, validTo, row.id);
        const next: PriceBookView = {
          ...before,
          name: dto.name?.trim() ?? before.name,
          validFrom: validFrom.toISOString(),
          validTo: validTo?.toISOString() ?? null,
          active,
          entries: toPriceBookView(
            row,
            entries.map((e) => entryRow(row.id, e)),
          ).entries,
        };
        const changedFields = EDITABLE.filter((f) => JSON.stringify(next[f]) !== JSON.stringify(before[f]));
        if (changedFields.length === 0) return before;
        const patch: Partial<PriceBookEntity> = {
          name: next.name,
          validFrom,
          validTo,
          active,
          version: row.version + 1,
          updatedBy: employeeId,
        };
        const book = await this.books.update(m, row.id, patch);
        const rows = entries.map((e) => entryRow(row.id, e));
        if (changedFields.includes('entries')) await this.books.replaceEntries(m, row.id, rows);
        const after = toPriceBookView(book, rows);
        await this.changes.record(m, ctx, {
          entity: 'price-book',
          entityId: row.id,
          action: 'update',
          before: pick(before),
          after: pick(after),
          event: { pattern: PRICE_BOOK_UPDATED_V1, data: { ...after, changedFields } },
        });
        return after;
      }),
    );
  }

  async get(priceBookId: string): Promise<PriceBookView> {
    const m = this.dataSource.manager;
    const row = await this.books.findById(priceBookId, m);
    if (!row) throw new CrmError(ErrorCode.NotFound, `price book ${priceBookId} not found`);
    return toPriceBookView(row, (await this.books.entriesOf(m, [row.id])).get(row.id)!);
  }

  async list(q: ListPriceBooksDto): Promise<PriceBookPage> {
    const m = this.dataSource.manager;
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(PRICE_BOOK_LIST, q.cursor);
    const rows = await this.books.list(q, limit, position, m);
    const entries = await this.books.entriesOf(
      m,
      rows.slice(0, limit).map((b) => b.id),
    );
    return toPage(PRICE_BOOK_LIST, this.cursors, rows, limit, (b) => toPriceBookView(b, entries.get(b.id) ?? []));
  }

  /** The validity and the entries checked against the products they name (loaded in one query). */
  private async checked(m: EntityManager, entries: unknown, validFrom: Date, validTo: Date | null): Promise<PriceBookEntry[]> {
    const details: FieldError[] = [];
    if (validTo && validTo <= validFrom)
      details.push({ field: 'validTo', reasons: ['must be later than validFrom: a book is valid over [validFrom, validTo)'] });
    const ids = Array.isArray(entries)
      ? entries.map((e: { productId?: unknown }) => e?.productId).filter((id): id is string => typeof id === 'string' && id.length <= 36)
      : [];
    const products = new Map((await this.products.findByIds(m, ids)).map((p) => [p.id, { kind: p.kind, definition: definitionOf(p) }]));
    details.push(...checkEntries(entries, products));
    if (details.length) throw invalid(details);
    return entries as PriceBookEntry[];
  }

  private async refuseOverlap(m: EntityManager, target: BookTarget, from: Date, to: Date | null, exceptId: string | null): Promise<void> {
    const clash = await this.books.overlapping(
      m,
      { channel: target.channel, segment: target.segment, currency: target.currency },
      from,
      to,
      exceptId,
    );
    if (clash.length) {
      const other = clash[0]!;
      const span = `[${other.validFrom.toISOString()}, ${other.validTo?.toISOString() ?? '∞'})`;
      throw new CrmError(
        ErrorCode.Conflict,
        `price book ${other.id} (${other.name}) of the same channel, segment and currency is valid over ${span}`,
        [{ field: 'validFrom', reasons: [`overlaps price book ${other.id} valid over ${span}`] }],
      );
    }
  }
}

function entryRow(priceBookId: string, e: PriceBookEntry): PriceBookEntryEntity {
  const row = new PriceBookEntryEntity();
  row.priceBookId = priceBookId;
  row.productId = e.productId;
  row.basePrice = e.basePrice ?? null;
  row.adders = e.adders ?? null;
  row.tiers = e.tiers ?? null;
  return row;
}

function pick(v: PriceBookView): Record<Editable, unknown> {
  return Object.fromEntries(EDITABLE.map((f) => [f, v[f]])) as Record<Editable, unknown>;
}
