import { Module } from '@nestjs/common';
import { OperatorGuardModule } from '@crm/security';
import { OperationModule } from '../operation/operation.module.js';
import { TeamController } from './team.controller.js';
import { TeamService } from './team.service.js';

@Module({
  imports: [OperationModule, OperatorGuardModule],
  controllers: [TeamController],
  providers: [TeamService],
})
export class TeamModule {}
