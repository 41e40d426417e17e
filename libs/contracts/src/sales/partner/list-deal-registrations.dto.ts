import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { DEAL_REGISTRATION_STATUSES, type DealRegistrationStatus } from './deal-registration.types.js';

export const DEAL_REGISTRATION_LIST_V1 = 'sales.deal-registration.list.v1';

/**
 * Newest first. An employee (`partner.read`) sees the registrations of partners within their scope;
 * a partner's caller sees only its own (`partnerId` is then ignored).
 */
export class ListDealRegistrationsDto {
  @IsOptional()
  @IsIn(DEAL_REGISTRATION_STATUSES)
  status?: DealRegistrationStatus;

  @IsOptional()
  @IsUUID('4')
  partnerId?: string;

  @IsOptional()
  @IsBoolean()
  flagged?: boolean;

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
