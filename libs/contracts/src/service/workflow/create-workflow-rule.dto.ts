import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { WORKFLOW_TRIGGERS, WorkflowActionDto, WorkflowRuleFieldsDto, type WorkflowTrigger } from './workflow.types.js';

export const WORKFLOW_RULE_CREATE_V1 = 'service.workflow-rule.create.v1';

export class CreateWorkflowRuleDto extends WorkflowRuleFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @IsIn(WORKFLOW_TRIGGERS)
  trigger: WorkflowTrigger;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => WorkflowActionDto)
  actions: WorkflowActionDto[];
}
