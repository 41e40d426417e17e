import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { VersionedLeadRefDto } from './lead-ref.dto.js';
import type { LeadStatus } from './lead.types.js';

export const LEAD_TRANSITION_V1 = 'marketing.lead.transition.v1';

/** The statuses a transition may name: `converted` is reached only by the conversion into sales. */
export const LEAD_TRANSITION_TARGETS = [
  'new',
  'working',
  'nurturing',
  'qualified',
  'disqualified',
] as const satisfies readonly LeadStatus[];

/**
 * Moves a lead to another status. Allowed: new → working | nurturing | qualified | disqualified;
 * working → nurturing | qualified | disqualified; nurturing → working | qualified | disqualified;
 * qualified → working | nurturing | disqualified; disqualified → working (re-opened, unless merged).
 * Another move is 4090 naming the allowed ones; `disqualified` requires a `reason` (4220 otherwise).
 */
export class TransitionLeadDto extends VersionedLeadRefDto {
  @IsIn(LEAD_TRANSITION_TARGETS)
  status: (typeof LEAD_TRANSITION_TARGETS)[number];

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}
