import type { CustomerView } from './customer.types.js';

/** Published by sales when a customer is created: the customer as created (SPEC §2.3 events). */
export const CUSTOMER_CREATED_V1 = 'sales.customer.created.v1';
export type CustomerCreatedData = CustomerView;
