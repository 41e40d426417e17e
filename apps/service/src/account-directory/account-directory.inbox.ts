import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CUSTOMER_CREATED_V1, CUSTOMER_UPDATED_V1, CustomerChangedEventDto } from '@crm/contracts';
import { InboxHandler, type InboxEvent } from '@crm/inbox';
import { AccountDirectoryRepository } from './account-directory.repository.js';
import type { AccountDirectoryEntity } from './account-directory.entity.js';

export function toDirectoryEntry(c: CustomerChangedEventDto): AccountDirectoryEntity {
  return {
    customerId: c.customerId,
    accountNo: c.accountNo,
    name: c.name.trim(),
    segment: c.segment,
    version: c.version,
    sourceUpdatedAt: new Date(c.updatedAt),
  };
}

/** Keeps the directory from the customer events of sales (queue `<ns>.service.in.account-directory`). */
@Injectable()
export class AccountDirectoryInbox {
  constructor(@Inject(AccountDirectoryRepository) private readonly accounts: AccountDirectoryRepository) {}

  @InboxHandler(CUSTOMER_CREATED_V1, CustomerChangedEventDto)
  created(event: InboxEvent<CustomerChangedEventDto>, m: EntityManager): Promise<void> {
    return this.accounts.upsert(m, toDirectoryEntry(event.data));
  }

  @InboxHandler(CUSTOMER_UPDATED_V1, CustomerChangedEventDto)
  updated(event: InboxEvent<CustomerChangedEventDto>, m: EntityManager): Promise<void> {
    return this.accounts.upsert(m, toDirectoryEntry(event.data));
  }
}
