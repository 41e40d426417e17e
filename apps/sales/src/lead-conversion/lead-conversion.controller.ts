import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ApplyLeadConversionDto, LEAD_CONVERSION_APPLY_V1, type LeadConversionApplied } from '@crm/contracts';
import { CallContext } from '@crm/security';
import { LeadConversionService } from './lead-conversion.service.js';

/** Marketing's lead conversions, sent by its outbox as `crm-marketing` (no employee token: the employee is in the payload). */
@Controller()
export class LeadConversionController {
  constructor(@Inject(LeadConversionService) private readonly conversions: LeadConversionService) {}

  @MessagePattern(LEAD_CONVERSION_APPLY_V1)
  apply(@Payload('payload') dto: ApplyLeadConversionDto, @CallContext() ctx: CallContext): Promise<LeadConversionApplied> {
    return this.conversions.apply(dto, ctx);
  }
}
