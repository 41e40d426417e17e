import type { CustomerView } from '@crm/contracts';
import { SensitiveFields } from '@crm/security';
import type { CustomerEntity } from './customer.entity.js';

export function toCustomerView(c: CustomerEntity): CustomerView {
  return {
    customerId: c.id,
    accountNo: c.accountNo,
    name: c.name,
    phone: c.phone,
    email: c.email,
    segment: c.segment,
    ownerId: c.ownerId,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The customer view's personal fields (SPEC §6.0): masked without `customer.pii.read`. */
export const CUSTOMER_SENSITIVE = new SensitiveFields<CustomerView>(
  {
    phone: { kind: 'phone', permission: 'customer.pii.read' },
    email: { kind: 'email', permission: 'customer.pii.read' },
  },
  (v) => v.customerId,
);
