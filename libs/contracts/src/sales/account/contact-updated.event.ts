import type { ContactEventView } from './contact.types.js';

/** Published by sales when a contact changed (also when it stopped being primary because another became so). */
export const CONTACT_UPDATED_V1 = 'sales.contact.updated.v1';
export interface ContactUpdatedData extends ContactEventView {
  changedFields: string[];
}
