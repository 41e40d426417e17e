import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { QueueMemberDto } from './queue.types.js';

export const QUEUE_MEMBERS_V1 = 'service.queue.members.v1';

/**
 * Changes a queue's members ("authorise and add new resources"): `add` adds or updates members
 * (skills, capacity), `remove` takes them out. Takes effect for the next case assigned.
 */
export class SetQueueMembersDto {
  @IsUUID('4')
  queueId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => QueueMemberDto)
  add?: QueueMemberDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(EMPLOYEE_ID_RE, { each: true, message: 'each removed member must be an employee ID' })
  remove?: string[];
}
