import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { CONTRACT_STATUSES, IsContractDate, IsQuantity, type ContractStatus } from '../../sales/contract/contract.types.js';

/** One line of a sales contract event, as service uses it (prices are not kept). */
export class ContractEventLineDto {
  @IsInt()
  @Min(1)
  lineNo: number;

  @IsOptional()
  @IsUUID()
  productId?: string | null;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsQuantity()
  quantity: string | number;
}

/**
 * What the asset feature relies on in `sales.contract.activated.v1`, `terminated.v1` and
 * `expired.v1` (the contract view, docs/sales/contracts-and-partners.md). Unknown fields are dropped,
 * so sales may add fields; `version` orders the changes of one contract.
 */
export class ContractEventDto {
  @IsUUID()
  contractId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  contractNo: string;

  @IsUUID()
  accountId: string;

  @IsIn(CONTRACT_STATUSES)
  status: ContractStatus;

  @IsOptional()
  @IsContractDate()
  startDate?: string | null;

  @IsOptional()
  @IsContractDate()
  endDate?: string | null;

  @IsOptional()
  @IsISO8601()
  activatedAt?: string | null;

  @IsOptional()
  @IsContractDate()
  terminationEffectiveDate?: string | null;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ContractEventLineDto)
  lines: ContractEventLineDto[];

  @IsInt()
  @Min(1)
  version: number;
}
