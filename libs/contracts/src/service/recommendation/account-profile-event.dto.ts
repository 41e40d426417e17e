import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Min } from 'class-validator';
import { ACCOUNT_SEGMENTS, type AccountSegment } from '../../sales/account/account.types.js';
import { INDUSTRY_CODE_RE } from '../../industry-code.js';

/**
 * What recommendations keep of `sales.account.created.v1` / `updated.v1`: the industry and segment
 * that define "similar accounts" (the account directory keeps neither the industry nor needs it).
 */
export class AccountProfileEventDto {
  @IsUUID()
  accountId: string;

  @IsOptional()
  @IsString()
  @Matches(INDUSTRY_CODE_RE, { message: 'industryCode must be a GB/T 4754-2017 code' })
  industryCode?: string | null;

  @IsIn(ACCOUNT_SEGMENTS)
  segment: AccountSegment;

  @IsInt()
  @Min(1)
  version: number;
}
