import { IsInt, IsNotEmpty, IsString, IsUUID, MaxLength, Min } from 'class-validator';

export const CASE_ESCALATE_V1 = 'service.case.escalate.v1';

/** Raises the escalation level by one and hands the case to its queue's escalation queue (or supervisor). */
export class EscalateCaseDto {
  @IsUUID('4')
  caseId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
