import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { CASE_CATEGORIES, CASE_CHANNELS, type CaseCategory, type CaseChannel } from '../case/case.types.js';
import { QUEUE_STRATEGIES, QueueMemberDto, type QueueStrategy } from './queue.types.js';

/** The editable fields of a queue (all optional here; create requires name and strategy). */
export class QueueFieldsDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(CASE_CATEGORIES, { each: true })
  categories?: CaseCategory[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(CASE_CHANNELS, { each: true })
  channels?: CaseChannel[];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  routingOrder?: number;

  /** `{ "complaint": ["complaints"], "fault": ["broadband"] }` */
  @IsOptional()
  @IsObject()
  categorySkills?: Record<string, string[]>;

  @IsOptional()
  @IsUUID('4')
  escalationQueueId?: string | null;

  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'supervisorId must be an employee ID' })
  supervisorId?: string | null;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export const QUEUE_CREATE_V1 = 'service.queue.create.v1';

export class CreateQueueDto extends QueueFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @IsIn(QUEUE_STRATEGIES)
  strategy: QueueStrategy;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => QueueMemberDto)
  members?: QueueMemberDto[];
}
