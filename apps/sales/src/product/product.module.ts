import { Global, Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { CataloguePricing } from './catalogue-pricing.js';
import { PriceBookController } from './price-book.controller.js';
import { PriceBookRepository } from './price-book.repository.js';
import { PriceBookService } from './price-book.service.js';
import { ProductPricing } from './product-pricing.js';
import { ProductController } from './product.controller.js';
import { ProductRepository } from './product.repository.js';
import { ProductService } from './product.service.js';

/** Sales: the catalogue, configurator, pricing and price books; provides `ProductPricing` to the whole app. */
@Global()
@Module({
  imports: [OutboxModule],
  controllers: [ProductController, PriceBookController],
  providers: [
    ProductRepository,
    PriceBookRepository,
    CataloguePricing,
    { provide: ProductPricing, useExisting: CataloguePricing },
    ProductService,
    PriceBookService,
  ],
  exports: [ProductPricing],
})
export class ProductModule {}
