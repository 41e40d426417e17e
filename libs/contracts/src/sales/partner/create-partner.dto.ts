import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import {
  IsPartnerCallerName,
  PARTNER_KINDS,
  PARTNER_REGION_CODE_RE,
  PARTNER_TIERS,
  type PartnerKind,
  type PartnerTier,
} from './partner.types.js';

export const PARTNER_CREATE_V1 = 'sales.partner.create.v1';

/** A new partner, `active`. `ownerId` (its channel manager) defaults to the creator; `tier` to `registered`. */
export class CreatePartnerDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsIn(PARTNER_KINDS)
  kind: PartnerKind;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(PARTNER_REGION_CODE_RE, { each: true, message: 'each of regionCodes must be a 6-digit GB/T 2260 code, e.g. 440300' })
  regionCodes?: string[];

  @IsOptional()
  @IsIn(PARTNER_TIERS)
  tier?: PartnerTier;

  @IsPartnerCallerName()
  callerName: string;

  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;
}
