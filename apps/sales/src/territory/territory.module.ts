import { Global, Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { TeamModule } from '../team/team.module.js';
import { RealignmentRepository } from './realignment.repository.js';
import { RealignmentService } from './realignment.service.js';
import { TerritoryAssignment } from './territory-assignment.js';
import { TerritoryPlacement } from './territory-placement.js';
import { TerritoryController } from './territory.controller.js';
import { TerritoryRepository } from './territory.repository.js';
import { TerritoryService } from './territory.service.js';

/** Sales: territories, assignment (TerritoryPlacement for the whole app) and realignment. */
@Global()
@Module({
  imports: [OutboxModule, TeamModule],
  controllers: [TerritoryController],
  providers: [
    TerritoryRepository,
    TerritoryService,
    TerritoryAssignment,
    { provide: TerritoryPlacement, useExisting: TerritoryAssignment },
    RealignmentRepository,
    RealignmentService,
  ],
  exports: [TerritoryPlacement],
})
export class TerritoryModule {}
