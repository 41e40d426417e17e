import type { DealRegistrationView } from './deal-registration.types.js';

/**
 * Published when an employee approves a registration: what a sales rep needs to open the
 * opportunity (`sales.opportunity.create.v1` with channel `partner` and this `partnerId`): account
 * (matched id, or name, registration number and region), opportunity name, amount, close date,
 * products, and the colliding opportunities the approver accepted.
 */
export const DEAL_REGISTRATION_APPROVED_V1 = 'sales.deal-registration.approved.v1';
export type DealRegistrationApprovedData = DealRegistrationView;
