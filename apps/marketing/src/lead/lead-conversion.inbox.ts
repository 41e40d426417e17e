import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SALES_LEAD_CONVERTED_V1, SalesLeadConvertedEventDto } from '@crm/contracts';
import { InboxHandler, type InboxEvent } from '@crm/inbox';
import { LeadConversionService } from './lead-conversion.service.js';

/**
 * The second road of a conversion's result (queue `<ns>.marketing.in.lead-conversion`): sales'
 * `sales.lead.converted.v1`. It waits in the queue while marketing is down, so the lead becomes
 * `converted` even when the answer to the call was lost with a restart; whichever of reply and
 * event comes first converts the lead, the other changes nothing.
 */
@Injectable()
export class LeadConversionInbox {
  constructor(@Inject(LeadConversionService) private readonly conversions: LeadConversionService) {}

  @InboxHandler(SALES_LEAD_CONVERTED_V1, SalesLeadConvertedEventDto)
  converted(e: InboxEvent<SalesLeadConvertedEventDto>, m: EntityManager): Promise<void> {
    return this.conversions.complete(m, e.data.leadId, {
      accountId: e.data.accountId,
      contactId: e.data.contactId,
      opportunityId: e.data.opportunityId,
      linkedExisting: e.data.linkedExisting ?? false,
    });
  }
}
