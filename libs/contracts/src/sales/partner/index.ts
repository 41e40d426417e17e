/** The sales app's partner contracts: one file per message beside this barrel. */
import { DEAL_REGISTRATION_APPROVED_V1, type DealRegistrationApprovedData } from './deal-registration-approved.event.js';
import { DEAL_REGISTRATION_REJECTED_V1, type DealRegistrationRejectedData } from './deal-registration-rejected.event.js';
import { DEAL_REGISTRATION_SUBMITTED_V1, type DealRegistrationSubmittedData } from './deal-registration-submitted.event.js';
import { PARTNER_CREATED_V1, type PartnerCreatedData } from './partner-created.event.js';
import { PARTNER_UPDATED_V1, type PartnerUpdatedData } from './partner-updated.event.js';

export * from './partner.types.js';
export * from './create-partner.dto.js';
export * from './update-partner.dto.js';
export * from './get-partner.dto.js';
export * from './list-partners.dto.js';
export * from './partner-created.event.js';
export * from './partner-updated.event.js';
export * from './deal-registration.types.js';
export * from './submit-deal-registration.dto.js';
export * from './approve-deal-registration.dto.js';
export * from './reject-deal-registration.dto.js';
export * from './get-deal-registration.dto.js';
export * from './list-deal-registrations.dto.js';
export * from './deal-registration-submitted.event.js';
export * from './deal-registration-approved.event.js';
export * from './deal-registration-rejected.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface PartnerEventPayloads {
  [PARTNER_CREATED_V1]: PartnerCreatedData;
  [PARTNER_UPDATED_V1]: PartnerUpdatedData;
  [DEAL_REGISTRATION_SUBMITTED_V1]: DealRegistrationSubmittedData;
  [DEAL_REGISTRATION_APPROVED_V1]: DealRegistrationApprovedData;
  [DEAL_REGISTRATION_REJECTED_V1]: DealRegistrationRejectedData;
}
