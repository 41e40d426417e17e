import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const CASE_CLOSE_V1 = 'service.case.close.v1';

/** Closes a resolved case with the customer's satisfaction score (1 = very unhappy … 5 = very happy). */
export class CloseCaseDto {
  @IsUUID('4')
  caseId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction: number;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}
