import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import {
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_KEY_RE,
  CASE_PRIORITIES,
  CaseContactHolder,
  type CaseCategory,
  type CaseChannel,
  type CasePriority,
} from './case.types.js';

export const CASE_CREATE_V1 = 'service.case.create.v1';

/**
 * Opens a case. Without `queueId` the queues' routing criteria (category, channel) choose the
 * queue and its strategy the agent; workflow rules on `case-created` run first. A case none of
 * these placed is owned by the employee who opened it.
 */
export class CreateCaseDto extends CaseContactHolder {
  /** The sales account (customer) id. */
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsIn(CASE_CHANNELS)
  channel: CaseChannel;

  @IsIn(CASE_CATEGORIES)
  category: CaseCategory;

  @IsIn(CASE_PRIORITIES)
  priority: CasePriority;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject: string;

  @IsString()
  @MaxLength(4000)
  description: string;

  @IsOptional()
  @IsUUID('4')
  queueId?: string;

  /** Skills the agent needs besides what the queue asks for this category. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(CASE_KEY_RE, { each: true, message: 'each skill must be lower-case kebab (e.g. broadband)' })
  skills?: string[];

  /** Opens the case as a child of this master case. */
  @IsOptional()
  @IsUUID('4')
  masterCaseId?: string;
}
