import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsMoney } from '../../money.js';
import { ContractLineDto, IsContractDate } from './contract.types.js';

export const CONTRACT_RENEW_V1 = 'sales.contract.renew.v1';

/**
 * An active (or expired) contract gets its successor: a draft starting the day after its end, with
 * the same lines and value unless `lines` (then `value` too) are given, and the same term length
 * unless `termMonths` or `endDate` is given. The contract becomes `renewed`; both are linked.
 */
export class RenewContractDto {
  @IsUUID('4')
  contractId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  termMonths?: number;

  @IsOptional()
  @IsContractDate()
  endDate?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ContractLineDto)
  lines?: ContractLineDto[];

  @ValidateIf((o: RenewContractDto) => o.lines !== undefined || o.value !== undefined)
  @IsMoney()
  value?: string;
}
