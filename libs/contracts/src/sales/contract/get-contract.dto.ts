import { IsUUID } from 'class-validator';

export const CONTRACT_GET_V1 = 'sales.contract.get.v1';

export class GetContractDto {
  @IsUUID('4')
  contractId: string;
}
