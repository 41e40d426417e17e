import type { PartnerView } from './partner.types.js';

/** Published when a partner changed: the partner after the change, and which fields changed. */
export const PARTNER_UPDATED_V1 = 'sales.partner.updated.v1';
export interface PartnerUpdatedData extends PartnerView {
  changedFields: string[];
}
