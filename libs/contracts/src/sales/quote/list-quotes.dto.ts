import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { QUOTE_STATUSES, type QuoteStatus } from './quote.types.js';

export const QUOTE_LIST_V1 = 'sales.quote.list.v1';

/** Newest first, only quotes of opportunities within the caller's data scope. */
export class ListQuotesDto {
  @IsOptional()
  @IsUUID()
  opportunityId?: string;

  @IsOptional()
  @IsIn(QUOTE_STATUSES)
  status?: QuoteStatus;

  @IsOptional()
  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'authorId must be an employee ID' })
  authorId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  quoteNo?: string;

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
