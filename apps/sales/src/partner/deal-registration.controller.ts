import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ApproveDealRegistrationDto,
  DEAL_REGISTRATION_APPROVE_V1,
  DEAL_REGISTRATION_GET_V1,
  DEAL_REGISTRATION_LIST_V1,
  DEAL_REGISTRATION_REJECT_V1,
  DEAL_REGISTRATION_SUBMIT_V1,
  GetDealRegistrationDto,
  ListDealRegistrationsDto,
  RejectDealRegistrationDto,
  SubmitDealRegistrationDto,
  type DealRegistrationPage,
  type DealRegistrationView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { DealRegistrationService } from './deal-registration.service.js';

/**
 * `submit`, `get` and `list` declare no permission on purpose: a partner's own system calls them
 * with its caller credentials and no employee token (with a permission declared, the shared guard
 * would answer 4010). The caller guard has already checked the caller and its allowed patterns;
 * the service then admits only the partner whose `callerName` it is, or an employee holding
 * `partner.read` (a token, when sent, is always verified by the guard).
 */
@Controller()
export class DealRegistrationController {
  constructor(@Inject(DealRegistrationService) private readonly registrations: DealRegistrationService) {}

  @MessagePattern(DEAL_REGISTRATION_SUBMIT_V1)
  submit(@Payload('payload') dto: SubmitDealRegistrationDto, @CallContext() ctx: CallContext): Promise<DealRegistrationView> {
    return this.registrations.submit(dto, ctx);
  }

  @MessagePattern(DEAL_REGISTRATION_APPROVE_V1)
  @RequirePermission('partner.write')
  approve(@Payload('payload') dto: ApproveDealRegistrationDto, @CallContext() ctx: CallContext): Promise<DealRegistrationView> {
    return this.registrations.approve(dto, ctx);
  }

  @MessagePattern(DEAL_REGISTRATION_REJECT_V1)
  @RequirePermission('partner.write')
  reject(@Payload('payload') dto: RejectDealRegistrationDto, @CallContext() ctx: CallContext): Promise<DealRegistrationView> {
    return this.registrations.reject(dto, ctx);
  }

  @MessagePattern(DEAL_REGISTRATION_GET_V1)
  get(@Payload('payload') dto: GetDealRegistrationDto, @CallContext() ctx: CallContext): Promise<DealRegistrationView> {
    return this.registrations.get(dto.registrationId, ctx);
  }

  @MessagePattern(DEAL_REGISTRATION_LIST_V1)
  list(@Payload('payload') dto: ListDealRegistrationsDto, @CallContext() ctx: CallContext): Promise<DealRegistrationPage> {
    return this.registrations.list(dto, ctx);
  }
}
