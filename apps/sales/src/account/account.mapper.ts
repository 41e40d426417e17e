import type { AccountEventView, AccountView, ContactEventView, ContactView } from '@crm/contracts';
import { SensitiveFields } from '@crm/security';
import type { AccountEntity } from './account.entity.js';
import type { ContactEntity } from './contact.entity.js';

export function toAccountView(a: AccountEntity): AccountView {
  return {
    accountId: a.id,
    accountNo: a.accountNo,
    name: a.name,
    registrationNo: a.registrationNo,
    industryCode: a.industryCode,
    regionCode: a.regionCode,
    segment: a.segment,
    parentId: a.parentId,
    ownerId: a.ownerId,
    territoryId: a.territoryId,
    phone: a.phone,
    email: a.email,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** What the account events carry (SPEC §6.2, the shared AccountView): no personal fields. */
export function toAccountEvent(a: AccountEntity): AccountEventView {
  const { phone: _p, email: _e, registrationNo: _r, ...rest } = toAccountView(a);
  return rest;
}

export function toContactView(c: ContactEntity): ContactView {
  return {
    contactId: c.id,
    accountId: c.accountId,
    name: c.name,
    role: c.role,
    title: c.title,
    phone: c.phone,
    email: c.email,
    primary: Boolean(c.primary),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toContactEvent(c: ContactEntity): ContactEventView {
  const { phone: _p, email: _e, ...rest } = toContactView(c);
  return rest;
}

/** The account view's personal fields (SPEC §6.0): masked without `customer.pii.read`. */
export const ACCOUNT_SENSITIVE = new SensitiveFields<AccountView>(
  {
    phone: { kind: 'phone', permission: 'customer.pii.read' },
    email: { kind: 'email', permission: 'customer.pii.read' },
  },
  (v) => v.accountId,
);

/** A contact's phone and e-mail, masked like the account's. */
export const CONTACT_SENSITIVE = new SensitiveFields<ContactView>(
  {
    phone: { kind: 'phone', permission: 'customer.pii.read' },
    email: { kind: 'email', permission: 'customer.pii.read' },
  },
  (v) => v.contactId,
);
