import { IsUUID } from 'class-validator';

export const CONTACT_GET_V1 = 'sales.contact.get.v1';

export class GetContactDto {
  @IsUUID('4')
  contactId: string;
}
