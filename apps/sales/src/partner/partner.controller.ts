import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreatePartnerDto,
  GetPartnerDto,
  ListPartnersDto,
  PARTNER_CREATE_V1,
  PARTNER_GET_V1,
  PARTNER_LIST_V1,
  PARTNER_UPDATE_V1,
  UpdatePartnerDto,
  type PartnerPage,
  type PartnerView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { PartnerService } from './partner.service.js';

/** Employees manage partners through a front end: its caller credentials plus their token. */
@Controller()
export class PartnerController {
  constructor(@Inject(PartnerService) private readonly partners: PartnerService) {}

  @MessagePattern(PARTNER_CREATE_V1)
  @RequirePermission('partner.write')
  create(@Payload('payload') dto: CreatePartnerDto, @CallContext() ctx: CallContext): Promise<PartnerView> {
    return this.partners.create(dto, ctx);
  }

  @MessagePattern(PARTNER_UPDATE_V1)
  @RequirePermission('partner.write')
  update(@Payload('payload') dto: UpdatePartnerDto, @CallContext() ctx: CallContext): Promise<PartnerView> {
    return this.partners.update(dto, ctx);
  }

  @MessagePattern(PARTNER_GET_V1)
  @RequirePermission('partner.read')
  get(@Payload('payload') dto: GetPartnerDto, @CallContext() ctx: CallContext): Promise<PartnerView> {
    return this.partners.get(dto.partnerId, ctx);
  }

  @MessagePattern(PARTNER_LIST_V1)
  @RequirePermission('partner.read')
  list(@Payload('payload') dto: ListPartnersDto, @CallContext() ctx: CallContext): Promise<PartnerPage> {
    return this.partners.list(dto, ctx);
  }
}
