import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsUUID, Min, ValidateNested } from 'class-validator';

export const CASE_MERGE_V1 = 'service.case.merge.v1';

export class CaseRefDto {
  @IsUUID('4')
  caseId: string;

  @IsInt()
  @Min(1)
  version: number;
}

/** Merges duplicates into a survivor: each duplicate is closed as merged, every history kept. */
export class MergeCasesDto {
  @IsUUID('4')
  caseId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CaseRefDto)
  duplicates: CaseRefDto[];
}
