import { IsOptional, Matches } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { QueuePageDto } from './queue.types.js';

export const QUEUE_LIST_V1 = 'service.queue.list.v1';

/** Newest first; `memberId` lists the queues an employee belongs to. */
export class ListQueuesDto extends QueuePageDto {
  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'memberId must be an employee ID' })
  memberId?: string;
}
