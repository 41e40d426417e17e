import type { AccountEventView } from './account.types.js';

/** Published by sales when an account changed: the account after the change and which fields changed. */
export const ACCOUNT_UPDATED_V1 = 'sales.account.updated.v1';
export interface AccountUpdatedData extends AccountEventView {
  changedFields: string[];
}
