import { IsInt, IsNotEmpty, IsString, IsUUID, MaxLength, Min } from 'class-validator';

export const DEAL_REGISTRATION_REJECT_V1 = 'sales.deal-registration.reject.v1';

/** submitted → rejected, by an employee with `partner.write`, with the reason the partner will read. */
export class RejectDealRegistrationDto {
  @IsUUID('4')
  registrationId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
