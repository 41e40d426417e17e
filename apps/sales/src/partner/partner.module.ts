import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { DealRegistrationController } from './deal-registration.controller.js';
import { DealRegistrationRepository } from './deal-registration.repository.js';
import { DealRegistrationService } from './deal-registration.service.js';
import { PartnerController } from './partner.controller.js';
import { PartnerRepository } from './partner.repository.js';
import { PartnerService } from './partner.service.js';

/** Sales: channel partners and deal registrations. */
@Module({
  imports: [OutboxModule],
  controllers: [PartnerController, DealRegistrationController],
  providers: [PartnerRepository, PartnerService, DealRegistrationRepository, DealRegistrationService],
})
export class PartnerModule {}
