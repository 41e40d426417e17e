import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../employee/employee.contract.js';
import { CUSTOMER_SEGMENTS, type CustomerSegment } from './customer.types.js';

export const CUSTOMER_LIST_V1 = 'sales.customer.list.v1';

/**
 * Newest first. `cursor` is the previous page's `nextCursor`: the persistence kit's signed list
 * cursor. Only its alphabet and length are checked here; sales decodes and verifies it (4220 on
 * `cursor` for one it did not issue).
 */
export class ListCustomersDto {
  @IsOptional()
  @IsIn(CUSTOMER_SEGMENTS)
  segment?: CustomerSegment;

  @IsOptional()
  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;

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
