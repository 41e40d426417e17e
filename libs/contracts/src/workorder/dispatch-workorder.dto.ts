import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { WORKORDER_PRIORITIES, WORKORDER_TYPES, type WorkorderPriority, type WorkorderType } from './workorder.types.js';

export const WORKORDER_DISPATCH_V1 = 'service.workorder.dispatch.v1';

export class WorkorderCustomerDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  accountNo: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name: string;

  @IsString()
  @Matches(/^\+?[0-9][0-9 -]{4,31}$/, { message: 'phone must be digits, optionally with +, spaces or dashes' })
  phone: string;
}

export class DispatchWorkorderDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'orderNo may hold letters, digits and . _ : -' })
  orderNo: string;

  @IsIn(WORKORDER_TYPES)
  type: WorkorderType;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @IsString()
  @MaxLength(4000)
  description: string;

  @IsIn(WORKORDER_PRIORITIES)
  priority: WorkorderPriority;

  @IsObject()
  @ValidateNested()
  @Type(() => WorkorderCustomerDto)
  customer: WorkorderCustomerDto;

  @IsISO8601({ strict: true })
  deadline: string;

  @IsISO8601({ strict: true })
  dispatchedAt: string;

  /**
   * A network fault affecting many customers: the account numbers of every affected customer
   * (besides `customer`). The CRM opens one master case and a child case per account. Optional;
   * added for the fan-out of SPEC §6.3 (docs/service/cases.md).
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(64, { each: true })
  affectedAccountNos?: string[];
}
