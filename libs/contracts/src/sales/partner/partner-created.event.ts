import type { PartnerView } from './partner.types.js';

/** Published when a partner is created: the partner view. */
export const PARTNER_CREATED_V1 = 'sales.partner.created.v1';
export type PartnerCreatedData = PartnerView;
