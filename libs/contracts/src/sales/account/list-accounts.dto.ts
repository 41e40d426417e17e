import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { upperCode } from './account-fields.dto.js';
import { ACCOUNT_SEGMENTS, IsIndustryCode, IsRegionCode, type AccountSegment } from './account.types.js';

export const ACCOUNT_LIST_V1 = 'sales.account.list.v1';

/**
 * Newest first. `industryCode` and `regionCode` match their subtree: `I` every code of section I,
 * `I65` its groups and classes; `440000` (a province) every code `44….`, `440300` (a city) `4403..`.
 * `q` is a prefix of the name, compared after the same width, case and space folding as duplicates.
 * `cursor` is the previous page's `nextCursor` (4220 on `cursor` for one sales did not issue).
 */
export class ListAccountsDto {
  @IsOptional()
  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;

  @IsOptional()
  @IsIn(ACCOUNT_SEGMENTS)
  segment?: AccountSegment;

  @IsOptional()
  @Transform(upperCode)
  @IsIndustryCode()
  industryCode?: string;

  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @IsOptional()
  @IsUUID('4')
  territoryId?: string;

  @IsOptional()
  @IsUUID('4')
  parentId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'q must not be blank' })
  q?: string;

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
