/**
 * People at an account (SPEC §6.2 `sales.contact.*`). A contact is in scope when its account is:
 * reads need `account.read`, writes `account.write`; phone and e-mail are masked without
 * `customer.pii.read`, like the account's.
 */
export const CONTACT_ROLES = ['decision-maker', 'economic-buyer', 'influencer', 'technical', 'billing', 'user', 'other'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export interface ContactView {
  contactId: string;
  accountId: string;
  name: string;
  role: ContactRole;
  title: string | null;
  phone: string | null;
  email: string | null;
  /** At most one contact per account is primary; making one primary makes the previous one not. */
  primary: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ContactPage {
  items: ContactView[];
  nextCursor: string | null;
}

/** What the contact events carry: the view without phone and e-mail. */
export type ContactEventView = Omit<ContactView, 'phone' | 'email'>;
