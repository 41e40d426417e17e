import { IsUUID } from 'class-validator';

export const SERVICE_SLA_POLICY_GET_V1 = 'service.sla-policy.get.v1';

export class GetSlaPolicyDto {
  @IsUUID('4')
  slaPolicyId: string;
}
