import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ConfigureProductDto,
  CreateProductDto,
  GetProductDto,
  ListProductsDto,
  PRODUCT_CONFIGURE_V1,
  PRODUCT_CREATE_V1,
  PRODUCT_GET_V1,
  PRODUCT_LIST_V1,
  PRODUCT_UPDATE_V1,
  UpdateProductDto,
  type ConfigurationView,
  type ProductPage,
  type ProductView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { ProductService } from './product.service.js';

/** The catalogue and the configurator, for employees through a front end. */
@Controller()
export class ProductController {
  constructor(@Inject(ProductService) private readonly products: ProductService) {}

  @MessagePattern(PRODUCT_CREATE_V1)
  @RequirePermission('product.write')
  create(@Payload('payload') dto: CreateProductDto, @CallContext() ctx: CallContext): Promise<ProductView> {
    return this.products.create(dto, ctx);
  }

  @MessagePattern(PRODUCT_UPDATE_V1)
  @RequirePermission('product.write')
  update(@Payload('payload') dto: UpdateProductDto, @CallContext() ctx: CallContext): Promise<ProductView> {
    return this.products.update(dto, ctx);
  }

  @MessagePattern(PRODUCT_GET_V1)
  @RequirePermission('product.read')
  get(@Payload('payload') dto: GetProductDto): Promise<ProductView> {
    return this.products.get(dto.productId);
  }

  @MessagePattern(PRODUCT_LIST_V1)
  @RequirePermission('product.read')
  list(@Payload('payload') dto: ListProductsDto): Promise<ProductPage> {
    return this.products.list(dto);
  }

  @MessagePattern(PRODUCT_CONFIGURE_V1)
  @RequirePermission('product.read')
  configure(@Payload('payload') dto: ConfigureProductDto): Promise<ConfigurationView> {
    return this.products.configure(dto);
  }
}
