import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CURRENCY_RE, IsMoney } from '../../money.js';
import { upperCode } from '../account/account-fields.dto.js';
import {
  ACCOUNT_SEGMENTS,
  IsIndustryCode,
  IsRegionCode,
  IsRegistrationNo,
  PHONE_RE,
  type AccountSegment,
} from '../account/account.types.js';
import { CONTACT_ROLES, type ContactRole } from '../account/contact.types.js';
import { DATE_RE } from '../opportunity/opportunity.types.js';

/**
 * The account a lead converts into: `accountId` links an existing account; otherwise the fields of a
 * new one (`name` defaults to the lead's company). A new account that the duplicate rule says exists
 * already (same registration number, or same normalised name in the same region) is linked instead.
 */
export class ConversionAccountDto {
  @IsOptional()
  @IsUUID('4')
  accountId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @IsOptional()
  @Transform(upperCode)
  @IsRegistrationNo()
  registrationNo?: string;

  @IsOptional()
  @Transform(upperCode)
  @IsIndustryCode()
  industryCode?: string;

  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @IsOptional()
  @IsIn(ACCOUNT_SEGMENTS)
  segment?: AccountSegment;
}

/** The contact made from the lead: its name, phone and e-mail unless given here. */
export class ConversionContactDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @IsOptional()
  @IsIn(CONTACT_ROLES)
  role?: ContactRole;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  @Matches(PHONE_RE, { message: 'phone may hold digits, spaces, + ( ) -' })
  phone?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

/** The opportunity the conversion opens. */
export class ConversionOpportunityDto {
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @IsMoney()
  amount: string;

  @Matches(DATE_RE, { message: 'closeDate must be a date, YYYY-MM-DD' })
  closeDate: string;

  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code, e.g. CNY' })
  currency?: string;
}

/** What `sales` produced for a lead (the reply to `sales.lead-conversion.apply.v1`). */
export interface LeadConversionApplied {
  leadId: string;
  accountId: string;
  contactId: string;
  opportunityId: string;
  campaignId: string | null;
  /** The account existed already (named by `accountId`, or found by the duplicate rule). */
  linkedExisting: boolean;
  /** This lead had been converted before: the recorded ids, nothing created now. */
  replayed: boolean;
  convertedAt: string;
}
