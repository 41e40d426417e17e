import { IsUUID } from 'class-validator';

export const PRICE_BOOK_GET_V1 = 'sales.price-book.get.v1';

export class GetPriceBookDto {
  @IsUUID(4)
  priceBookId: string;
}
