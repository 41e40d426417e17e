import type { AccountEventView } from './account.types.js';

/** Published by sales when an account is created: the account as created, without personal fields. */
export const ACCOUNT_CREATED_V1 = 'sales.account.created.v1';
export type AccountCreatedData = AccountEventView;
