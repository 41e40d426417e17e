import type { DealRegistrationView } from './deal-registration.types.js';

/** Published when a partner submits a registration (with its collision flag): for the approvers' queue. */
export const DEAL_REGISTRATION_SUBMITTED_V1 = 'sales.deal-registration.submitted.v1';
export type DealRegistrationSubmittedData = DealRegistrationView;
