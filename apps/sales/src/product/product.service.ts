import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  DEFAULT_CURRENCY,
  ErrorCode,
  formatMoney,
  PRODUCT_CREATED_V1,
  PRODUCT_UPDATED_V1,
  sumMoney,
  type ConfigurationView,
  type ConfigureProductDto,
  type CreateProductDto,
  type FieldError,
  type ListProductsDto,
  type ProductDefinition,
  type ProductKind,
  type ProductPage,
  type ProductView,
  type UpdateProductDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, isDuplicateKey, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { CataloguePricing } from './catalogue-pricing.js';
import { checkConfiguration, violationDetails } from './configurator.js';
import { checkDefinition, definitionOf } from './product-definition.js';
import type { ProductEntity } from './product.entity.js';
import { rateText, toProductView } from './product.mapper.js';
import { PRODUCT_LIST, ProductRepository } from './product.repository.js';

/** What an update may change; `sku`, `kind` and `currency` stay. */
const EDITABLE = [
  'name',
  'family',
  'description',
  'unit',
  'taxRate',
  'active',
  'options',
  'attributes',
  'rules',
  'pricing',
  'bundle',
] as const;
type Editable = (typeof EDITABLE)[number];

const invalid = (details: FieldError[]) => new CrmError(ErrorCode.ValidationFailed, 'product definition is not valid', details);

/**
 * The catalogue. A definition is checked as a whole at create and update (every problem with its
 * path, 4220); each change records its operation-log entry and event in its own transaction;
 * updates need the current `version` (4090 otherwise). The catalogue has no owner: no data scope
 * applies to it.
 */
@Injectable()
export class ProductService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(ProductRepository) private readonly products: ProductRepository,
    @Inject(CataloguePricing) private readonly pricing: CataloguePricing,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateProductDto, ctx: CallContext): Promise<ProductView> {
    const employeeId = actingEmployee(ctx);
    const definition = definitionOf(dto);
    const currency = dto.currency ?? DEFAULT_CURRENCY;
    try {
      return await this.dataSource.transaction(async (m) => {
        await this.check(m, dto.kind, definition, currency);
        const created = toProductView(
          await this.products.insert(m, {
            id: randomUUID(),
            sku: dto.sku,
            name: dto.name.trim(),
            family: dto.family.trim(),
            description: dto.description ?? null,
            kind: dto.kind,
            unit: dto.unit,
            taxRate: dto.taxRate,
            currency,
            active: dto.active ?? true,
            ...definition,
            createdBy: employeeId,
            updatedBy: employeeId,
          }),
        );
        await this.changes.record(m, ctx, {
          entity: 'product',
          entityId: created.productId,
          action: 'create',
          before: null,
          after: pick(created),
          event: { pattern: PRODUCT_CREATED_V1, data: created },
        });
        return created;
      });
    } catch (err) {
      if (isDuplicateKey(err))
        throw new CrmError(ErrorCode.Conflict, `sku ${dto.sku} is taken`, [{ field: 'sku', reasons: ['sku is taken'] }]);
      throw err;
    }
  }

  async update(dto: UpdateProductDto, ctx: CallContext): Promise<ProductView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const row = await this.products.findById(dto.productId, m, true);
      if (!row) throw new CrmError(ErrorCode.NotFound, `product ${dto.productId} not found`);
      if (row.version !== dto.version)
        throw new CrmError(ErrorCode.Conflict, `stale version: product ${row.id} is at version ${row.version}`);
      const before = toProductView(row);
      const next: Record<Editable, unknown> = pick(before);
      for (const f of EDITABLE) if (dto[f] !== undefined) next[f] = f === 'taxRate' ? rateText(dto.taxRate!) : dto[f];
      if (typeof next.name === 'string') next.name = next.name.trim();
      if (typeof next.family === 'string') next.family = next.family.trim();
      await this.check(m, row.kind, definitionOf(next), row.currency);
      const changedFields = EDITABLE.filter((f) => JSON.stringify(next[f]) !== JSON.stringify(before[f]));
      if (changedFields.length === 0) return before;
      const patch = Object.fromEntries(changedFields.map((f) => [f, next[f]])) as Partial<ProductEntity>;
      const after = toProductView(await this.products.update(m, row.id, { ...patch, version: row.version + 1, updatedBy: employeeId }));
      await this.changes.record(m, ctx, {
        entity: 'product',
        entityId: after.productId,
        action: 'update',
        before: pick(before),
        after: pick(after),
        event: { pattern: PRODUCT_UPDATED_V1, data: { ...after, changedFields } },
      });
      return after;
    });
  }

  async get(productId: string): Promise<ProductView> {
    const row = await this.products.findById(productId);
    if (!row) throw new CrmError(ErrorCode.NotFound, `product ${productId} not found`);
    return toProductView(row);
  }

  async list(q: ListProductsDto): Promise<ProductPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(PRODUCT_LIST, q.cursor);
    return toPage(PRODUCT_LIST, this.cursors, await this.products.list(q, limit, position), limit, toProductView);
  }

  /**
   * Checks and prices one configuration as a quote line would be priced (same engine, same price
   * books): every broken rule is reported under `configuration.<key>`.
   */
  async configure(dto: ConfigureProductDto): Promise<ConfigurationView> {
    const at = dto.at === undefined ? new Date() : new Date(dto.at);
    const currency = dto.currency ?? DEFAULT_CURRENCY;
    const channel = dto.channel ?? null;
    const segment = dto.segment ?? null;
    return this.dataSource.transaction(async (m) => {
      if (!(await this.products.findByIds(m, [dto.productId])).length)
        throw new CrmError(ErrorCode.NotFound, `product ${dto.productId} not found`);
      const lines = await this.pricing.priceAt(
        m,
        { channel, segment, at, currency, lines: [{ productId: dto.productId, quantity: dto.quantity, configuration: dto.configuration }] },
        () => '',
      );
      return {
        productId: dto.productId,
        quantity: dto.quantity,
        configuration: dto.configuration,
        currency,
        channel,
        segment,
        at: at.toISOString(),
        lines: lines.map((l) => ({
          productId: l.productId,
          sku: l.sku,
          name: l.name,
          quantity: l.quantity,
          configuration: l.configuration,
          unitPrice: formatMoney(l.unitPrice),
          unitPriceExact: l.unitPrice.toFixed(6),
          listAmount: formatMoney(l.listAmount),
          taxRate: l.taxRate.toString(),
          breakdown: l.breakdown,
          priceBookId: l.priceBookId,
          bundleOf: l.bundleOf,
        })),
        listTotal: formatMoney(sumMoney(lines.map((l) => l.listAmount))),
      };
    });
  }

  /**
   * The whole definition, and for a bundle its components against the catalogue: each exists, is
   * not a bundle, is priced in the bundle's currency, and its fixed configuration is valid.
   */
  private async check(m: EntityManager, kind: ProductKind, d: ProductDefinition, currency: string): Promise<void> {
    const details = checkDefinition(kind, d);
    if (details.length) throw invalid(details);
    if (kind !== 'bundle' || !d.bundle) return;
    const found = new Map(
      (
        await this.products.findByIds(
          m,
          d.bundle.components.map((c) => c.productId),
        )
      ).map((p) => [p.id, p]),
    );
    d.bundle.components.forEach((c, i) => {
      const path = `bundle.components[${i}]`;
      const p = found.get(c.productId);
      if (!p) return details.push({ field: `${path}.productId`, reasons: [`unknown product ${c.productId}`] });
      if (p.kind === 'bundle') return details.push({ field: `${path}.productId`, reasons: [`${p.sku} is a bundle: bundles do not nest`] });
      if (p.currency !== currency)
        details.push({ field: `${path}.productId`, reasons: [`${p.sku} is listed in ${p.currency}, the bundle in ${currency}`] });
      const definition = { options: p.options, attributes: p.attributes, rules: p.rules, pricing: p.pricing, bundle: p.bundle };
      details.push(...violationDetails(checkConfiguration(definition, c.configuration), `${path}.configuration`));
    });
    if (details.length) throw invalid(details);
  }
}

function pick(v: ProductView): Record<Editable, unknown> {
  return Object.fromEntries(EDITABLE.map((f) => [f, v[f]])) as Record<Editable, unknown>;
}
