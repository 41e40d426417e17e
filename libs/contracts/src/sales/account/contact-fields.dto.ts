import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PHONE_RE } from './account.types.js';
import { CONTACT_ROLES, type ContactRole } from './contact.types.js';

/** Fields create and update share; on update `null` clears a nullable one, an absent one is kept. */
export class ContactFieldsDto {
  @ValidateIf((_o, v) => v !== undefined)
  @IsIn(CONTACT_ROLES)
  role?: ContactRole;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  title?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  @Matches(PHONE_RE, { message: 'phone may hold digits, spaces, + ( ) -' })
  phone?: string | null;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ValidateIf((_o, v) => v !== undefined)
  @IsBoolean()
  primary?: boolean;
}
