import type { ContractView } from './contract.types.js';

/** Published when a contract is created (draft): the contract view. */
export const CONTRACT_CREATED_V1 = 'sales.contract.created.v1';
export type ContractCreatedData = ContractView;
