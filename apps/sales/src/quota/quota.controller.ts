import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  GetQuotaDto,
  ListQuotasDto,
  SALES_QUOTA_GET_V1,
  SALES_QUOTA_LIST_V1,
  SALES_QUOTA_SET_V1,
  SetQuotaDto,
  type QuotaPage,
  type QuotaView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { QuotaService } from './quota.service.js';

@Controller()
export class QuotaController {
  constructor(@Inject(QuotaService) private readonly quotas: QuotaService) {}

  @MessagePattern(SALES_QUOTA_SET_V1)
  @RequirePermission('team.write')
  set(@Payload('payload') dto: SetQuotaDto, @CallContext() ctx: CallContext): Promise<QuotaView> {
    return this.quotas.set(dto, ctx);
  }

  @MessagePattern(SALES_QUOTA_GET_V1)
  @RequirePermission('team.read')
  get(@Payload('payload') dto: GetQuotaDto, @CallContext() ctx: CallContext): Promise<QuotaView> {
    return this.quotas.get(dto.quotaId, ctx);
  }

  @MessagePattern(SALES_QUOTA_LIST_V1)
  @RequirePermission('team.read')
  list(@Payload('payload') dto: ListQuotasDto, @CallContext() ctx: CallContext): Promise<QuotaPage> {
    return this.quotas.list(dto, ctx);
  }
}
