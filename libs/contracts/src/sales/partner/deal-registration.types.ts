import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/**
 * Deal registrations (SPEC §6.2): a partner's system tells the operator about a deal it is working
 * on, so the partner is protected on it. Submitted by the partner's OWN caller (no employee token);
 * approved or rejected by an employee holding `partner.write`. A registration whose account already
 * has an open opportunity (or another partner's live registration) is flagged for the approver, not
 * refused.
 */
export const DEAL_REGISTRATION_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type DealRegistrationStatus = (typeof DEAL_REGISTRATION_STATUSES)[number];

export class DealRegistrationProductDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  quantity?: number;
}

export interface DealRegistrationProduct {
  sku: string;
  quantity: number | null;
}

export interface DealRegistrationView {
  registrationId: string;
  partnerId: string;
  partnerName: string;
  /** The partner's own reference for it (the idempotency key of a re-submit), if it sent one. */
  partnerRef: string | null;
  accountName: string;
  registrationNo: string | null;
  regionCode: string | null;
  opportunityName: string;
  amount: string;
  currency: string;
  expectedCloseDate: string;
  products: DealRegistrationProduct[];
  status: DealRegistrationStatus;
  /** The existing account it was matched to (registration number, else normalised name + region), if any. */
  accountId: string | null;
  /** True when it collides with open opportunities or other partners' live registrations (below). */
  flagged: boolean;
  collidingOpportunityIds: string[];
  collidingRegistrationIds: string[];
  /** The caller that submitted it (the partner's system). */
  submittedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DealRegistrationPage {
  items: DealRegistrationView[];
  nextCursor: string | null;
}
