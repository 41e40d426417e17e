/** The service app's asset contracts: one file per message beside this barrel. */
import { ENTITLEMENT_ENDED_V1, type EntitlementEndedData } from './entitlement-ended.event.js';
import { ENTITLEMENT_GRANTED_V1, type EntitlementGrantedData } from './entitlement-granted.event.js';

export * from './asset.types.js';
export * from './contract-event.dto.js';
export * from './list-assets.dto.js';
export * from './get-asset.dto.js';
export * from './check-entitlement.dto.js';
export * from './list-entitlements.dto.js';
export * from './entitlement-granted.event.js';
export * from './entitlement-ended.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface ServiceAssetEventPayloads {
  [ENTITLEMENT_GRANTED_V1]: EntitlementGrantedData;
  [ENTITLEMENT_ENDED_V1]: EntitlementEndedData;
}
