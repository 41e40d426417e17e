import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { IsContractDate } from './contract.types.js';

export const CONTRACT_ACTIVATE_V1 = 'sales.contract.activate.v1';

/** draft → active. The start is `startDate`, else the draft's, else today (UTC); a term in months then fixes the end. */
export class ActivateContractDto {
  @IsUUID('4')
  contractId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsContractDate()
  startDate?: string;
}
