import { IsInt, IsUUID, Min, ValidateIf } from 'class-validator';

export const CASE_LINK_V1 = 'service.case.link.v1';

/** Makes `caseId` a child of `masterCaseId` (null: unlinks it). */
export class LinkCaseDto {
  @IsUUID('4')
  caseId: string;

  @IsInt()
  @Min(1)
  version: number;

  @ValidateIf((_, v) => v !== null)
  @IsUUID('4')
  masterCaseId: string | null;
}
