import type { ContractView } from './contract.types.js';

/** Published when a contract is terminated: its view with `terminationReason` and `terminationEffectiveDate`. */
export const CONTRACT_TERMINATED_V1 = 'sales.contract.terminated.v1';
export type ContractTerminatedData = ContractView;
