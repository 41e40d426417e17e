import { IsInt, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { ContactFieldsDto } from './contact-fields.dto.js';

export const CONTACT_UPDATE_V1 = 'sales.contact.update.v1';

/** Changes the fields given; `version` is the one read, a stale one is 4090. */
export class UpdateContactDto extends ContactFieldsDto {
  @IsUUID('4')
  contactId: string;

  @IsInt()
  @Min(1)
  version: number;

  @ValidateIf((_o, v) => v !== undefined)
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;
}
