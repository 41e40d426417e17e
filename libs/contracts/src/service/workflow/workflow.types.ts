import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Allow,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/**
 * Data-driven workflow (数据驱动的工作流, SPEC §6.3 `service.workflow-rule.*`): rules with a trigger,
 * conditions over case fields and actions, evaluated in `order` at each trigger. Every edit is a
 * new version; the case history names the rule id and version applied. Needs `workflow.manage`.
 */
export const WORKFLOW_TRIGGERS = ['case-created', 'case-updated', 'sla-warning', 'sla-breach', 'workorder-dispatched'] as const;
export type WorkflowTrigger = (typeof WORKFLOW_TRIGGERS)[number];

export const WORKFLOW_OPS = ['eq', 'in', 'gte', 'lte', 'contains'] as const;
export type WorkflowOp = (typeof WORKFLOW_OPS)[number];

/** Fields a condition may test; `attributes.<key>` tests a field set by `set-field`. */
export const WORKFLOW_FIELDS = [
  'priority',
  'category',
  'channel',
  'status',
  'accountId',
  'subject',
  'description',
  'queueId',
  'ownerId',
  'escalationLevel',
  'orderNo',
  'slaTarget',
] as const;
export const WORKFLOW_FIELD_RE =
  /^(priority|category|channel|status|accountId|subject|description|queueId|ownerId|escalationLevel|orderNo|slaTarget|attributes\.[a-z][a-z0-9-]{0,47})$/;

export const WORKFLOW_ACTIONS = ['assign-queue', 'assign-agent', 'set-priority', 'set-field', 'escalate', 'notify', 'add-watcher'] as const;
export type WorkflowActionType = (typeof WORKFLOW_ACTIONS)[number];

export class WorkflowConditionDto {
  @Matches(WORKFLOW_FIELD_RE, { message: `field must be one of ${WORKFLOW_FIELDS.join(', ')} or attributes.<key>` })
  field: string;

  @IsIn(WORKFLOW_OPS)
  op: WorkflowOp;

  /** A string or number; an array of them for `in`. */
  @Allow()
  value: string | number | Array<string | number>;
}

/**
 * One action. Parameters by type: `assign-queue` {queueId}, `assign-agent` {agentId},
 * `set-priority` {priority}, `set-field` {field: category|channel|attributes.<key>, value},
 * `escalate` {queueId?, reason?}, `notify` {recipients?, message}, `add-watcher` {agentId}.
 */
export class WorkflowActionDto {
  @IsIn(WORKFLOW_ACTIONS)
  type: WorkflowActionType;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  queueId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  agentId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  priority?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  field?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  value?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  recipients?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class WorkflowRuleFieldsDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => WorkflowConditionDto)
  conditions?: WorkflowConditionDto[];

  /** Lower runs first. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  order?: number;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class WorkflowRulePageDto {
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

export interface WorkflowCondition {
  field: string;
  op: WorkflowOp;
  value: string | number | Array<string | number>;
}

export interface WorkflowAction {
  type: WorkflowActionType;
  queueId?: string;
  agentId?: string;
  priority?: string;
  field?: string;
  value?: string;
  recipients?: string[];
  message?: string;
  reason?: string;
}

export interface WorkflowRuleView {
  ruleId: string;
  name: string;
  description: string | null;
  trigger: WorkflowTrigger;
  conditions: WorkflowCondition[];
  actions: WorkflowAction[];
  order: number;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowRulePage {
  items: WorkflowRuleView[];
  nextCursor: string | null;
}
