import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
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
import { OPPORTUNITY_CHANNELS, type OpportunityChannel } from './opportunity.types.js';
import { PipelineStageDto } from './pipeline.types.js';

export const PIPELINE_UPDATE_V1 = 'sales.pipeline.update.v1';

/**
 * `stages` replaces the whole list (order included). A stage that opportunities still stand at
 * cannot be removed (4090 naming how many); relabel it or move them first.
 */
export class UpdatePipelineDto {
  @IsUUID(4)
  pipelineId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => PipelineStageDto)
  @ArrayMinSize(3)
  @ArrayMaxSize(30)
  stages?: PipelineStageDto[];

  @IsOptional()
  @IsIn(OPPORTUNITY_CHANNELS, { each: true })
  @ArrayMaxSize(4)
  channels?: OpportunityChannel[];

  /** An inactive pipeline takes no new opportunities; its open ones go on. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /** Makes this the default pipeline (the previous default stops being it). */
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;
}
