import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { CONTACT_ROLES, type ContactRole } from './contact.types.js';

export const CONTACT_LIST_V1 = 'sales.contact.list.v1';

/** Newest first, only contacts of accounts within the caller's scope. */
export class ListContactsDto {
  @IsOptional()
  @IsUUID('4')
  accountId?: string;

  @IsOptional()
  @IsIn(CONTACT_ROLES)
  role?: ContactRole;

  @IsOptional()
  @IsBoolean()
  primary?: boolean;

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
