import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreatePlanDto,
  GetPlanDto,
  ListPlansDto,
  PLAN_CREATE_V1,
  PLAN_GET_V1,
  PLAN_LIST_V1,
  PLAN_PROGRESS_V1,
  PLAN_UPDATE_V1,
  PlanProgressDto,
  UpdatePlanDto,
  type PlanPage,
  type PlanProgressView,
  type PlanView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { PlanService } from './plan.service.js';

@Controller()
export class PlanController {
  constructor(@Inject(PlanService) private readonly plans: PlanService) {}

  @MessagePattern(PLAN_CREATE_V1)
  @RequirePermission('plan.write')
  create(@Payload('payload') dto: CreatePlanDto, @CallContext() ctx: CallContext): Promise<PlanView> {
    return this.plans.create(dto, ctx);
  }

  @MessagePattern(PLAN_UPDATE_V1)
  @RequirePermission('plan.write')
  update(@Payload('payload') dto: UpdatePlanDto, @CallContext() ctx: CallContext): Promise<PlanView> {
    return this.plans.update(dto, ctx);
  }

  @MessagePattern(PLAN_GET_V1)
  @RequirePermission('plan.read')
  get(@Payload('payload') dto: GetPlanDto, @CallContext() ctx: CallContext): Promise<PlanView> {
    return this.plans.get(dto.planId, ctx);
  }

  @MessagePattern(PLAN_LIST_V1)
  @RequirePermission('plan.read')
  list(@Payload('payload') dto: ListPlansDto, @CallContext() ctx: CallContext): Promise<PlanPage> {
    return this.plans.list(dto, ctx);
  }

  @MessagePattern(PLAN_PROGRESS_V1)
  @RequirePermission('plan.read')
  progress(@Payload('payload') dto: PlanProgressDto, @CallContext() ctx: CallContext): Promise<PlanProgressView> {
    return this.plans.progress(dto, ctx);
  }
}
