import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import {
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_PRIORITIES,
  CaseContactHolder,
  type CaseCategory,
  type CaseChannel,
  type CasePriority,
} from './case.types.js';

export const CASE_UPDATE_V1 = 'service.case.update.v1';

/** Edits a case's fields (status, owner and queue change through transition/assign/escalate). */
export class UpdateCaseDto extends CaseContactHolder {
  @IsUUID('4')
  caseId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsOptional()
  @IsIn(CASE_CHANNELS)
  channel?: CaseChannel;

  @IsOptional()
  @IsIn(CASE_CATEGORIES)
  category?: CaseCategory;

  @IsOptional()
  @IsIn(CASE_PRIORITIES)
  priority?: CasePriority;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;
}
