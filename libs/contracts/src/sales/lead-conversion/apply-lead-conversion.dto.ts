import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { OPPORTUNITY_CHANNELS, type OpportunityChannel } from '../opportunity/opportunity.types.js';
import { ConversionAccountDto, ConversionContactDto, ConversionOpportunityDto } from './lead-conversion.types.js';

export const LEAD_CONVERSION_APPLY_V1 = 'sales.lead-conversion.apply.v1';

/**
 * Marketing's request to turn a lead into an account (linked or new), a contact and an opportunity,
 * sent through marketing's outbox as its system caller `crm-marketing` (the only caller allowed
 * this pattern). Idempotent by `leadId`: a second apply answers the ids recorded by the first.
 * Marketing resolves every default (account name from the company, contact from the lead) before it
 * sends, so sales applies exactly what is here.
 */
export class ApplyLeadConversionDto {
  /** Leads made before time-ordered ids have version 4 ids, newer ones version 7. */
  @IsUUID(['4', '7'])
  leadId: string;

  @IsOptional()
  @IsUUID('4')
  campaignId?: string | null;

  /** The employee who converted the lead: the actor of what sales records, and the owner of last resort. */
  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'employeeId must be an employee ID' })
  employeeId: string;

  @IsIn(OPPORTUNITY_CHANNELS)
  channel: OpportunityChannel;

  @ValidateNested()
  @Type(() => ConversionAccountDto)
  account: ConversionAccountDto;

  @ValidateNested()
  @Type(() => ConversionContactDto)
  contact: ConversionContactDto;

  @ValidateNested()
  @Type(() => ConversionOpportunityDto)
  opportunity: ConversionOpportunityDto;

  /** Why (for the operation log): e.g. the lead's source. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  leadSource?: string;
}
