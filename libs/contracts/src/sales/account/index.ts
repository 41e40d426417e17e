/** The sales app's account contracts: one file per message beside this barrel. */
import { ACCOUNT_CREATED_V1, type AccountCreatedData } from './account-created.event.js';
import { ACCOUNT_UPDATED_V1, type AccountUpdatedData } from './account-updated.event.js';
import { CONTACT_CREATED_V1, type ContactCreatedData } from './contact-created.event.js';
import { CONTACT_UPDATED_V1, type ContactUpdatedData } from './contact-updated.event.js';

export * from './account.types.js';
export * from './account-fields.dto.js';
export * from './create-account.dto.js';
export * from './update-account.dto.js';
export * from './get-account.dto.js';
export * from './list-accounts.dto.js';
export * from './account-hierarchy.dto.js';
export * from './account-created.event.js';
export * from './account-updated.event.js';
export * from './account-changed.event.js';
export * from './contact.types.js';
export * from './contact-fields.dto.js';
export * from './create-contact.dto.js';
export * from './update-contact.dto.js';
export * from './get-contact.dto.js';
export * from './list-contacts.dto.js';
export * from './contact-created.event.js';
export * from './contact-updated.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface AccountEventPayloads {
  [ACCOUNT_CREATED_V1]: AccountCreatedData;
  [ACCOUNT_UPDATED_V1]: AccountUpdatedData;
  [CONTACT_CREATED_V1]: ContactCreatedData;
  [CONTACT_UPDATED_V1]: ContactUpdatedData;
}
