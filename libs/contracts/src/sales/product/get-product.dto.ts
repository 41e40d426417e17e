import { IsUUID } from 'class-validator';

export const PRODUCT_GET_V1 = 'sales.product.get.v1';

export class GetProductDto {
  @IsUUID(4)
  productId: string;
}
