import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { ACCOUNT_SEGMENTS, IsIndustryCode, IsRegionCode, IsRegistrationNo, PHONE_RE, type AccountSegment } from './account.types.js';

/** Upper-cases and trims a code before it is checked (`91440300…` typed in lower case is the same code). */
export const upperCode = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/**
 * The optional fields create and update share. On update `null` clears a field and an absent one is
 * left as it is; on create both mean "none".
 */
export class AccountFieldsDto {
  @IsOptional()
  @Transform(upperCode)
  @IsRegistrationNo()
  registrationNo?: string | null;

  @IsOptional()
  @Transform(upperCode)
  @IsIndustryCode()
  industryCode?: string | null;

  @IsOptional()
  @IsRegionCode()
  regionCode?: string | null;

  @ValidateIf((_o, v) => v !== undefined)
  @IsIn(ACCOUNT_SEGMENTS)
  segment?: AccountSegment;

  @IsOptional()
  @IsUUID('4')
  parentId?: string | null;

  @ValidateIf((_o, v) => v !== undefined)
  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;

  @IsOptional()
  @IsUUID('4')
  territoryId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  @Matches(PHONE_RE, { message: 'phone may hold digits, spaces, + ( ) -' })
  phone?: string | null;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;
}
