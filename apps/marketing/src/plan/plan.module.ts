import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { PlanController } from './plan.controller.js';
import { PlanRepository } from './plan.repository.js';
import { PlanService } from './plan.service.js';

/** Marketing: market plans and KPI progress. */
@Module({
  imports: [OutboxModule],
  controllers: [PlanController],
  providers: [PlanRepository, PlanService],
})
export class PlanModule {}
