import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { OPPORTUNITY_CHANNELS, type OpportunityChannel } from './opportunity.types.js';
import { PipelineStageDto } from './pipeline.types.js';

export const PIPELINE_CREATE_V1 = 'sales.pipeline.create.v1';

export class CreatePipelineDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ValidateNested({ each: true })
  @Type(() => PipelineStageDto)
  @ArrayMinSize(3)
  @ArrayMaxSize(30)
  stages: PipelineStageDto[];

  /** Opportunities of these channels that name no pipeline get this one. */
  @IsOptional()
  @IsIn(OPPORTUNITY_CHANNELS, { each: true })
  @ArrayMaxSize(4)
  channels?: OpportunityChannel[];
}
