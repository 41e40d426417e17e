import type { ContractView } from './contract.types.js';

/**
 * Published when a contract becomes active: the contract view, with `lines`, `accountId`,
 * `startDate` and `endDate` (service turns the lines into assets and entitlements).
 */
export const CONTRACT_ACTIVATED_V1 = 'sales.contract.activated.v1';
export type ContractActivatedData = ContractView;
