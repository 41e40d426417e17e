import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import {
  IsPartnerCallerName,
  PARTNER_KINDS,
  PARTNER_REGION_CODE_RE,
  PARTNER_STATUSES,
  PARTNER_TIERS,
  type PartnerKind,
  type PartnerStatus,
  type PartnerTier,
} from './partner.types.js';

export const PARTNER_UPDATE_V1 = 'sales.partner.update.v1';

/** Changes the given fields. `status: suspended` stops the partner's caller from submitting registrations. */
export class UpdatePartnerDto {
  @IsUUID('4')
  partnerId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsIn(PARTNER_KINDS)
  kind?: PartnerKind;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(PARTNER_REGION_CODE_RE, { each: true, message: 'each of regionCodes must be a 6-digit GB/T 2260 code, e.g. 440300' })
  regionCodes?: string[];

  @IsOptional()
  @IsIn(PARTNER_TIERS)
  tier?: PartnerTier;

  @IsOptional()
  @IsIn(PARTNER_STATUSES)
  status?: PartnerStatus;

  @IsOptional()
  @IsPartnerCallerName()
  callerName?: string;

  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;
}
