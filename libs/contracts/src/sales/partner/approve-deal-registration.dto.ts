import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';

export const DEAL_REGISTRATION_APPROVE_V1 = 'sales.deal-registration.approve.v1';

/** submitted → approved, by an employee with `partner.write`; publishes `sales.deal-registration.approved.v1`. */
export class ApproveDealRegistrationDto {
  @IsUUID('4')
  registrationId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  note?: string;
}
