import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { OperatorGuardModule } from '@crm/security';
import { TeamController } from './team.controller.js';
import { TeamService } from './team.service.js';

@Module({
  imports: [OutboxModule, OperatorGuardModule],
  controllers: [TeamController],
  providers: [TeamService],
})
export class TeamModule {}
