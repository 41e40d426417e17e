import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CALLER_VERIFY_V1, VerifyCallerDto, type CallerProfile } from '@crm/contracts';
import { CallerService } from './caller.service.js';

@Controller()
export class CallerController {
  constructor(@Inject(CallerService) private readonly callers: CallerService) {}

  /** Other apps ask here on a cache miss; the answer is what they may remember (never the password). */
  @MessagePattern(CALLER_VERIFY_V1)
  verify(@Payload('payload') dto: VerifyCallerDto): Promise<CallerProfile> {
    return this.callers.verify(dto.name, dto.password, dto.source ?? null);
  }
}
