import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { AccountController } from './account.controller.js';
import { AccountRepository } from './account.repository.js';
import { AccountService } from './account.service.js';
import { ContactController } from './contact.controller.js';
import { ContactRepository } from './contact.repository.js';
import { ContactService } from './contact.service.js';

/** Sales: accounts (the former customers) and the contacts at them. */
@Module({
  imports: [OutboxModule],
  controllers: [AccountController, ContactController],
  providers: [AccountRepository, AccountService, ContactRepository, ContactService],
  exports: [AccountRepository, AccountService, ContactRepository, ContactService],
})
export class AccountModule {}
