import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

export const ENTITLEMENT_CHECK_V1 = 'service.entitlement.check.v1';

/** Is the account entitled at `at` (default now)? The highest tier wins when several entitlements are valid. */
export class CheckEntitlementDto {
  @IsUUID()
  accountId: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}
