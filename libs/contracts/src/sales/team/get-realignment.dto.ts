import { IsUUID } from 'class-validator';

export const SALES_TERRITORY_REALIGNMENT_GET_V1 = 'sales.territory.realignment.get.v1';

export class GetRealignmentDto {
  @IsUUID('4')
  realignmentId: string;
}
