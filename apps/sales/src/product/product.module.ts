import { Global, Module } from '@nestjs/common';
import { CrmError, ErrorCode } from '@crm/contracts';
import { ProductPricing, type PricedLine } from './product-pricing.js';

/** Placeholder until the catalogue lands: every pricing request is refused, nothing is guessed. */
class NoCatalogue extends ProductPricing {
  price(): Promise<PricedLine[]> {
    return Promise.reject(new CrmError(ErrorCode.ValidationFailed, 'the product catalogue is empty'));
  }
}

/** Sales: the catalogue, configurator, pricing and price books. */
@Global()
@Module({ providers: [{ provide: ProductPricing, useClass: NoCatalogue }], exports: [ProductPricing] })
export class ProductModule {}
