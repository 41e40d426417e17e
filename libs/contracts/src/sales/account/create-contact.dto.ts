import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ContactFieldsDto } from './contact-fields.dto.js';

export const CONTACT_CREATE_V1 = 'sales.contact.create.v1';

/** A person at an account within the caller's scope; `role` defaults to `other`, `primary` to false. */
export class CreateContactDto extends ContactFieldsDto {
  @IsUUID('4')
  accountId: string;

  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;
}
