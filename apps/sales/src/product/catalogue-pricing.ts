import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PriceBookRepository, type ApplicableEntry } from './price-book.repository.js';
import { toCatalogueProduct, toOverride } from './product.mapper.js';
import { ProductRepository } from './product.repository.js';
import { priceLines, type CatalogueProduct, type LinePath, type PriceOverride } from './pricing-engine.js';
import { ProductPricing, type PricedLine, type PriceRequest } from './product-pricing.js';

/** channel + segment (3) > channel (2) > segment (1); the catalogue's list price when no book applies. */
const specificity = (e: ApplicableEntry) => (e.channel ? 2 : 0) + (e.segment ? 1 : 0);

/**
 * The catalogue behind `ProductPricing`: loads each product of a request once (one query for all
 * ids, a second only for the components of bundles) and the price-book entries that apply to
 * them (one query), then prices in memory with the pricing engine. No query per line.
 */
@Injectable()
export class CataloguePricing extends ProductPricing {
  constructor(
    @Inject(ProductRepository) private readonly products: ProductRepository,
    @Inject(PriceBookRepository) private readonly books: PriceBookRepository,
  ) {
    super();
  }

  price(m: EntityManager, request: PriceRequest): Promise<PricedLine[]> {
    return this.priceAt(m, request, (i) => `lines[${i}]`);
  }

  /** As `price`, with the problems of line i reported under `pathOf(i)`. */
  async priceAt(m: EntityManager, request: PriceRequest, pathOf: LinePath): Promise<PricedLine[]> {
    const byId = new Map<string, CatalogueProduct>();
    for (const row of await this.products.findByIds(
      m,
      request.lines.map((l) => l.productId),
    ))
      byId.set(row.id, toCatalogueProduct(row));
    const components = [...byId.values()]
      .flatMap((p) => p.definition.bundle?.components.map((c) => c.productId) ?? [])
      .filter((id) => !byId.has(id));
    for (const row of await this.products.findByIds(m, components)) byId.set(row.id, toCatalogueProduct(row));

    const best = new Map<string, ApplicableEntry>();
    const applicable = await this.books.applicable(m, [...byId.keys()], request.at, {
      channel: request.channel,
      segment: request.segment,
      currency: request.currency,
    });
    for (const e of applicable) {
      const held = best.get(e.entry.productId);
      if (!held || specificity(e) > specificity(held)) best.set(e.entry.productId, e);
    }
    const overrides = new Map<string, PriceOverride>([...best].map(([id, e]) => [id, toOverride(e.entry)]));
    return priceLines(
      request.lines,
      { product: (id) => byId.get(id), override: (id) => overrides.get(id) ?? null },
      request.currency,
      pathOf,
    );
  }
}
