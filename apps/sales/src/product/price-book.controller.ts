import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreatePriceBookDto,
  GetPriceBookDto,
  ListPriceBooksDto,
  PRICE_BOOK_CREATE_V1,
  PRICE_BOOK_GET_V1,
  PRICE_BOOK_LIST_V1,
  PRICE_BOOK_UPDATE_V1,
  UpdatePriceBookDto,
  type PriceBookPage,
  type PriceBookView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { PriceBookService } from './price-book.service.js';

@Controller()
export class PriceBookController {
  constructor(@Inject(PriceBookService) private readonly books: PriceBookService) {}

  @MessagePattern(PRICE_BOOK_CREATE_V1)
  @RequirePermission('product.write')
  create(@Payload('payload') dto: CreatePriceBookDto, @CallContext() ctx: CallContext): Promise<PriceBookView> {
    return this.books.create(dto, ctx);
  }

  @MessagePattern(PRICE_BOOK_UPDATE_V1)
  @RequirePermission('product.write')
  update(@Payload('payload') dto: UpdatePriceBookDto, @CallContext() ctx: CallContext): Promise<PriceBookView> {
    return this.books.update(dto, ctx);
  }

  @MessagePattern(PRICE_BOOK_GET_V1)
  @RequirePermission('product.read')
  get(@Payload('payload') dto: GetPriceBookDto): Promise<PriceBookView> {
    return this.books.get(dto.priceBookId);
  }

  @MessagePattern(PRICE_BOOK_LIST_V1)
  @RequirePermission('product.read')
  list(@Payload('payload') dto: ListPriceBooksDto): Promise<PriceBookPage> {
    return this.books.list(dto);
  }
}
