import type { ContractView } from './contract.types.js';

/** Published when a contract is renewed: the renewed contract's view plus its successor (a draft). */
export const CONTRACT_RENEWED_V1 = 'sales.contract.renewed.v1';
export interface ContractRenewedData extends ContractView {
  successor: ContractView;
}
