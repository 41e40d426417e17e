import { IsInt, IsNotEmpty, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { IsContractDate } from './contract.types.js';

export const CONTRACT_TERMINATE_V1 = 'sales.contract.terminate.v1';

/** A draft or active contract ends early: why, and the last day it is in force. */
export class TerminateContractDto {
  @IsUUID('4')
  contractId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  @IsContractDate()
  effectiveDate: string;
}
