import { IsUUID } from 'class-validator';

export const CASE_GET_V1 = 'service.case.get.v1';
/** The full history of a case, oldest first (also part of `get`). */
export const CASE_HISTORY_V1 = 'service.case.history.v1';

export class GetCaseDto {
  @IsUUID('4')
  caseId: string;
}
