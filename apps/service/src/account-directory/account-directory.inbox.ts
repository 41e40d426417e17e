import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ACCOUNT_CREATED_V1, ACCOUNT_UPDATED_V1, AccountChangedEventDto } from '@crm/contracts';
import { InboxHandler, type InboxEvent } from '@crm/inbox';
import { AccountDirectoryRepository } from './account-directory.repository.js';
import type { AccountDirectoryEntity } from './account-directory.entity.js';

export function toDirectoryEntry(c: AccountChangedEventDto): AccountDirectoryEntity {
  return {
    accountId: c.accountId,
    accountNo: c.accountNo,
    name: c.name.trim(),
    segment: c.segment,
    version: c.version,
    sourceUpdatedAt: new Date(c.updatedAt),
  };
}

/** Keeps the directory from the account events of sales (queue `<ns>.service.in.account-directory`). */
@Injectable()
export class AccountDirectoryInbox {
  constructor(@Inject(AccountDirectoryRepository) private readonly accounts: AccountDirectoryRepository) {}

  @InboxHandler(ACCOUNT_CREATED_V1, AccountChangedEventDto)
  created(event: InboxEvent<AccountChangedEventDto>, m: EntityManager): Promise<void> {
    return this.accounts.upsert(m, toDirectoryEntry(event.data));
  }

  @InboxHandler(ACCOUNT_UPDATED_V1, AccountChangedEventDto)
  updated(event: InboxEvent<AccountChangedEventDto>, m: EntityManager): Promise<void> {
    return this.accounts.upsert(m, toDirectoryEntry(event.data));
  }
}
