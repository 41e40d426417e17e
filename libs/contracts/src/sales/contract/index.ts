/** The sales app's contract contracts: one file per message beside this barrel. */
import { CONTRACT_ACTIVATED_V1, type ContractActivatedData } from './contract-activated.event.js';
import { CONTRACT_CREATED_V1, type ContractCreatedData } from './contract-created.event.js';
import { CONTRACT_EXPIRED_V1, type ContractExpiredData } from './contract-expired.event.js';
import { CONTRACT_RENEWAL_DUE_V1, type ContractRenewalDueData } from './contract-renewal-due.event.js';
import { CONTRACT_RENEWED_V1, type ContractRenewedData } from './contract-renewed.event.js';
import { CONTRACT_TERMINATED_V1, type ContractTerminatedData } from './contract-terminated.event.js';

export * from './contract.types.js';
export * from './create-contract.dto.js';
export * from './activate-contract.dto.js';
export * from './renew-contract.dto.js';
export * from './terminate-contract.dto.js';
export * from './get-contract.dto.js';
export * from './list-contracts.dto.js';
export * from './contract-created.event.js';
export * from './contract-activated.event.js';
export * from './contract-renewed.event.js';
export * from './contract-terminated.event.js';
export * from './contract-expired.event.js';
export * from './contract-renewal-due.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface ContractEventPayloads {
  [CONTRACT_CREATED_V1]: ContractCreatedData;
  [CONTRACT_ACTIVATED_V1]: ContractActivatedData;
  [CONTRACT_RENEWED_V1]: ContractRenewedData;
  [CONTRACT_TERMINATED_V1]: ContractTerminatedData;
  [CONTRACT_EXPIRED_V1]: ContractExpiredData;
  [CONTRACT_RENEWAL_DUE_V1]: ContractRenewalDueData;
}
