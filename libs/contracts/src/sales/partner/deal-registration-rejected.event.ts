import type { DealRegistrationView } from './deal-registration.types.js';

/** Published when an employee rejects a registration: the view with `decisionReason`. */
export const DEAL_REGISTRATION_REJECTED_V1 = 'sales.deal-registration.rejected.v1';
export type DealRegistrationRejectedData = DealRegistrationView;
