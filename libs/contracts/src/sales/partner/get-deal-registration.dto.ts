import { IsUUID } from 'class-validator';

export const DEAL_REGISTRATION_GET_V1 = 'sales.deal-registration.get.v1';

/** An employee with `partner.read` (within the scope), or the partner's own caller (its registrations only). */
export class GetDealRegistrationDto {
  @IsUUID('4')
  registrationId: string;
}
