import { Module } from '@nestjs/common';
import { InboxModule } from '@crm/inbox';
import { AccountDirectoryInbox } from './account-directory.inbox.js';
import { AccountDirectoryRepository } from './account-directory.repository.js';

/** Sales accounts as service knows them: matched by account number (EOMS work orders, later cases). */
@Module({
  imports: [InboxModule.forFeature({ purpose: 'account-directory', handlers: [AccountDirectoryInbox] })],
  providers: [AccountDirectoryInbox, AccountDirectoryRepository],
  exports: [AccountDirectoryRepository],
})
export class AccountDirectoryModule {}
