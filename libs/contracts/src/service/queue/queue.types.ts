import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { CASE_KEY_RE } from '../case/case.types.js';

/**
 * Queues of cases (SPEC §6.3 assignment): members with skills and capacity, routing criteria and
 * an assignment strategy. Writes need `workflow.manage` (assignment is workflow configuration),
 * reads `case.read`.
 */
export const QUEUE_STRATEGIES = ['round-robin', 'least-busy', 'skills'] as const;
export type QueueStrategy = (typeof QUEUE_STRATEGIES)[number];

export class QueueMemberDto {
  @Matches(EMPLOYEE_ID_RE, { message: 'employeeId must be an employee ID' })
  employeeId: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(CASE_KEY_RE, { each: true, message: 'each skill must be lower-case kebab (e.g. broadband)' })
  skills?: string[];

  /** Open cases this agent may hold at once (all queues together); default 10. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity?: number;
}

export class QueuePageDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor value returned by this list' })
  cursor?: string;
}

export interface QueueMemberView {
  employeeId: string;
  skills: string[];
  capacity: number;
  addedAt: string;
}

export interface QueueView {
  queueId: string;
  name: string;
  description: string | null;
  strategy: QueueStrategy;
  /** `active: false`: the queue takes no routed cases (escalations and explicit assignment still reach it). Routing criteria: a new case without a queue goes to the first active queue (by `routingOrder`) matching them; empty = any. */
  categories: string[];
  channels: string[];
  routingOrder: number;
  /** Skills an agent needs per case category (skills-based assignment). */
  categorySkills: Record<string, string[]>;
  escalationQueueId: string | null;
  supervisorId: string | null;
  active: boolean;
  members: QueueMemberView[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface QueuePage {
  items: QueueView[];
  nextCursor: string | null;
}
