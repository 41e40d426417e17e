import { Module } from '@nestjs/common';
import { InboxModule } from '@crm/inbox';
import { AccountDirectoryModule } from '../account-directory/account-directory.module.js';
import { CaseModule } from '../case/case.module.js';
import { WorkorderModule } from '../workorder/workorder.module.js';
import { WorkorderCaseInbox } from './workorder-case.inbox.js';

/** Service: EOMS work orders as cases (both directions, through the inbox). */
@Module({
  imports: [
    AccountDirectoryModule,
    CaseModule,
    WorkorderModule,
    InboxModule.forFeature({ purpose: 'workorder-case', handlers: [WorkorderCaseInbox] }),
  ],
  providers: [WorkorderCaseInbox],
})
export class WorkorderCaseModule {}
