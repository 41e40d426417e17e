import type { CustomerView } from './customer.types.js';

/** Published by sales when a customer changed: the customer after the change, and which fields changed. */
export const CUSTOMER_UPDATED_V1 = 'sales.customer.updated.v1';
export interface CustomerUpdatedData extends CustomerView {
  changedFields: string[];
}
