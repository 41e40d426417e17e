import { IsString, Matches, type ValidationOptions } from 'class-validator';

/**
 * Channel partners of the sales app (SPEC §6.2): agents, dealers, resellers and ISVs that sell the
 * operator's products. Each has its own system caller (created by an operator with the CLI) whose
 * name is recorded here: deal registrations arriving under that caller are the partner's.
 * Writes need `partner.write`, reads `partner.read`; an employee sees the partners whose channel
 * manager (`ownerId`) is within their data scope.
 */
export const PARTNER_KINDS = ['agent', 'dealer', 'reseller', 'isv'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PARTNER_TIERS = ['registered', 'silver', 'gold', 'platinum'] as const;
export type PartnerTier = (typeof PARTNER_TIERS)[number];

export const PARTNER_STATUSES = ['active', 'suspended'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/** A caller name as `auth` accepts it (`caller create <name>`): a letter, then letters, digits, `.`, `_`, `-`; ≤ 64. */
export const PARTNER_CALLER_NAME_RE = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;

/** GB/T 2260 administrative division: 6 digits (`440300` Shenzhen). */
export const PARTNER_REGION_CODE_RE = /^[0-9]{6}$/;

export function IsPartnerCallerName(options?: ValidationOptions): PropertyDecorator {
  return (target, key) => {
    IsString(options)(target, key);
    Matches(PARTNER_CALLER_NAME_RE, {
      message: ({ property }) => `${property} must be a caller name: a letter, then letters, digits, . _ - (at most 64)`,
      ...options,
    })(target, key);
  };
}

export interface PartnerView {
  partnerId: string;
  name: string;
  kind: PartnerKind;
  regionCodes: string[];
  tier: PartnerTier;
  status: PartnerStatus;
  /** The partner system's caller name: the identity its deal registrations arrive under. */
  callerName: string;
  /** The channel manager: what data scopes match. */
  ownerId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PartnerPage {
  items: PartnerView[];
  nextCursor: string | null;
}
