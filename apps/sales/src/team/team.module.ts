import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { TeamController } from './team.controller.js';
import { TeamRepository } from './team.repository.js';
import { TeamService } from './team.service.js';

/** Sales: sales teams (members and a manager), which `team` data scopes resolve through (in auth). */
@Module({
  imports: [OutboxModule],
  controllers: [TeamController],
  providers: [TeamRepository, TeamService],
  exports: [TeamRepository],
})
export class TeamModule {}
