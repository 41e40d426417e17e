import type { ContractView } from './contract.types.js';

/** Published when an active contract's term has passed without renewal or termination. */
export const CONTRACT_EXPIRED_V1 = 'sales.contract.expired.v1';
export type ContractExpiredData = ContractView;
