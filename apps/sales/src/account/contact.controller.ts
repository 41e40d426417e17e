import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CONTACT_CREATE_V1,
  CONTACT_GET_V1,
  CONTACT_LIST_V1,
  CONTACT_UPDATE_V1,
  CreateContactDto,
  GetContactDto,
  ListContactsDto,
  UpdateContactDto,
  type ContactPage,
  type ContactView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { ContactService } from './contact.service.js';

/** People at an account; the account's permissions and scope apply. */
@Controller()
export class ContactController {
  constructor(@Inject(ContactService) private readonly contacts: ContactService) {}

  @MessagePattern(CONTACT_CREATE_V1)
  @RequirePermission('account.write')
  create(@Payload('payload') dto: CreateContactDto, @CallContext() ctx: CallContext): Promise<ContactView> {
    return this.contacts.create(dto, ctx);
  }

  @MessagePattern(CONTACT_UPDATE_V1)
  @RequirePermission('account.write')
  update(@Payload('payload') dto: UpdateContactDto, @CallContext() ctx: CallContext): Promise<ContactView> {
    return this.contacts.update(dto, ctx);
  }

  @MessagePattern(CONTACT_GET_V1)
  @RequirePermission('account.read')
  get(@Payload('payload') dto: GetContactDto, @CallContext() ctx: CallContext): Promise<ContactView> {
    return this.contacts.get(dto.contactId, ctx);
  }

  @MessagePattern(CONTACT_LIST_V1)
  @RequirePermission('account.read')
  list(@Payload('payload') dto: ListContactsDto, @CallContext() ctx: CallContext): Promise<ContactPage> {
    return this.contacts.list(dto, ctx);
  }
}
