import { Module } from '@nestjs/common';
import { InboxModule } from '@crm/inbox';
import { OutboxModule } from '@crm/outbox';
import { OperatorGuardModule } from '@crm/security';
import { SalesTeamInbox } from './sales-team.inbox.js';
import { SalesTeamMembership } from './sales-team-membership.js';
import { TeamController } from './team.controller.js';
import { TeamService } from './team.service.js';

@Module({
  imports: [OutboxModule, OperatorGuardModule, InboxModule.forFeature({ purpose: 'sales-teams', handlers: [SalesTeamInbox] })],
  controllers: [TeamController],
  providers: [TeamService, SalesTeamMembership, SalesTeamInbox],
})
export class TeamModule {}
