import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { CONTRACT_STATUSES, IsContractDate, type ContractStatus } from './contract.types.js';

export const CONTRACT_LIST_V1 = 'sales.contract.list.v1';

/** Newest first, within the data scope. `endsBefore`: contracts whose term ends before that day. */
export class ListContractsDto {
  @IsOptional()
  @IsUUID('4')
  accountId?: string;

  @IsOptional()
  @IsIn(CONTRACT_STATUSES)
  status?: ContractStatus;

  @IsOptional()
  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;

  @IsOptional()
  @IsContractDate()
  endsBefore?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor value returned by this list' })
  cursor?: string;
}
