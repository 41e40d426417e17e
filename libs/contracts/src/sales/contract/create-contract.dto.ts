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
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CURRENCY_RE, IsMoney } from '../../money.js';
import { ContractLineDto, IsContractDate } from './contract.types.js';

export const CONTRACT_CREATE_V1 = 'sales.contract.create.v1';

const byHand = (o: CreateContractDto) => o.quoteId === undefined;

/**
 * A draft contract, either from an accepted quote (`quoteId`: lines, value, currency, account and
 * owner come from the quote and its opportunity; `accountId`, `lines`, `value` and `currency` must
 * then be absent) or by hand (`accountId`, `name`, `lines`, `value`, where `value` must equal the sum
 * of the lines' amounts to the cent). The term is `endDate` or `termMonths` (one of them); `startDate`
 * may wait for activation.
 */
export class CreateContractDto {
  @IsOptional()
  @IsUUID('4')
  quoteId?: string;

  @ValidateIf(byHand)
  @IsUUID('4')
  accountId?: string;

  @ValidateIf((o: CreateContractDto) => byHand(o) || o.name !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsContractDate()
  startDate?: string;

  @ValidateIf((o: CreateContractDto) => o.termMonths === undefined)
  @IsContractDate({ message: 'endDate must be a calendar date (e.g. 2026-12-31), or give termMonths' })
  endDate?: string;

  @ValidateIf((o: CreateContractDto) => o.endDate === undefined)
  @IsInt()
  @Min(1)
  @Max(120)
  termMonths?: number;

  @ValidateIf(byHand)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ContractLineDto)
  lines?: ContractLineDto[];

  @ValidateIf(byHand)
  @IsMoney()
  value?: string;

  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code, e.g. CNY' })
  currency?: string;
}
