import type { ContactEventView } from './contact.types.js';

/** Published by sales when a contact is added to an account (no phone or e-mail). */
export const CONTACT_CREATED_V1 = 'sales.contact.created.v1';
export type ContactCreatedData = ContactEventView;
