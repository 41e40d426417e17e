import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateSlaPolicyDto,
  GetSlaPolicyDto,
  ListSlaPoliciesDto,
  SERVICE_SLA_POLICY_CREATE_V1,
  SERVICE_SLA_POLICY_GET_V1,
  SERVICE_SLA_POLICY_LIST_V1,
  SERVICE_SLA_POLICY_UPDATE_V1,
  UpdateSlaPolicyDto,
  type SlaPolicyPage,
  type SlaPolicyView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { SlaPolicyService } from './sla-policy.service.js';

@Controller()
export class SlaPolicyController {
  constructor(@Inject(SlaPolicyService) private readonly policies: SlaPolicyService) {}

  @MessagePattern(SERVICE_SLA_POLICY_CREATE_V1)
  @RequirePermission('sla.manage')
  create(@Payload('payload') dto: CreateSlaPolicyDto, @CallContext() ctx: CallContext): Promise<SlaPolicyView> {
    return this.policies.create(dto, ctx);
  }

  @MessagePattern(SERVICE_SLA_POLICY_UPDATE_V1)
  @RequirePermission('sla.manage')
  update(@Payload('payload') dto: UpdateSlaPolicyDto, @CallContext() ctx: CallContext): Promise<SlaPolicyView> {
    return this.policies.update(dto, ctx);
  }

  @MessagePattern(SERVICE_SLA_POLICY_GET_V1)
  @RequirePermission('case.read')
  get(@Payload('payload') dto: GetSlaPolicyDto): Promise<SlaPolicyView> {
    return this.policies.get(dto.slaPolicyId);
  }

  @MessagePattern(SERVICE_SLA_POLICY_LIST_V1)
  @RequirePermission('case.read')
  list(@Payload('payload') dto: ListSlaPoliciesDto): Promise<SlaPolicyPage> {
    return this.policies.list(dto);
  }
}
