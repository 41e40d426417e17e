import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CURRENCY_RE, IsMoney } from '../../money.js';
import { IsContractDate } from '../contract/contract.types.js';
import { DealRegistrationProductDto } from './deal-registration.types.js';
import { PARTNER_REGION_CODE_RE } from './partner.types.js';

export const DEAL_REGISTRATION_SUBMIT_V1 = 'sales.deal-registration.submit.v1';

/**
 * Called by a partner's own system caller, without an employee token: the partner is the one whose
 * `callerName` is the verified caller. `partnerRef`, when sent, makes a re-submit safe: the same
 * content answers the original registration, different content is 4090.
 */
export class SubmitDealRegistrationDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'partnerRef may hold letters, digits and . _ : -' })
  partnerRef?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  accountName: string;

  /** Unified social credit code or another registration number of the customer. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  registrationNo?: string;

  @IsOptional()
  @Matches(PARTNER_REGION_CODE_RE, { message: 'regionCode must be a 6-digit GB/T 2260 code, e.g. 440300' })
  regionCode?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  opportunityName: string;

  @IsMoney()
  amount: string;

  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code, e.g. CNY' })
  currency?: string;

  @IsContractDate()
  expectedCloseDate: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DealRegistrationProductDto)
  products?: DealRegistrationProductDto[];
}
