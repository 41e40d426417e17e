import { IsUUID } from 'class-validator';

export const PIPELINE_GET_V1 = 'sales.pipeline.get.v1';

export class GetPipelineDto {
  @IsUUID()
  pipelineId: string;
}
