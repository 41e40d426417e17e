import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { WORKFLOW_TRIGGERS, WorkflowActionDto, WorkflowRuleFieldsDto, type WorkflowTrigger } from './workflow.types.js';

export const WORKFLOW_RULE_UPDATE_V1 = 'service.workflow-rule.update.v1';

/** Any edit makes a new version; cases record the version that was applied to them. */
export class UpdateWorkflowRuleDto extends WorkflowRuleFieldsDto {
  @IsUUID('4')
  ruleId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsIn(WORKFLOW_TRIGGERS)
  trigger?: WorkflowTrigger;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => WorkflowActionDto)
  actions?: WorkflowActionDto[];
}
