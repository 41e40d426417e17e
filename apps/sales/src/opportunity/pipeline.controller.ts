import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreatePipelineDto,
  GetPipelineDto,
  ListPipelinesDto,
  PIPELINE_CREATE_V1,
  PIPELINE_GET_V1,
  PIPELINE_LIST_V1,
  PIPELINE_UPDATE_V1,
  UpdatePipelineDto,
  type PipelinePage,
  type PipelineView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { PipelineService } from './pipeline.service.js';

/** Administrators edit pipelines; whoever reads opportunities reads them. */
@Controller()
export class PipelineController {
  constructor(@Inject(PipelineService) private readonly pipelines: PipelineService) {}

  @MessagePattern(PIPELINE_CREATE_V1)
  @RequirePermission('pipeline.manage')
  create(@Payload('payload') dto: CreatePipelineDto, @CallContext() ctx: CallContext): Promise<PipelineView> {
    return this.pipelines.create(dto, ctx);
  }

  @MessagePattern(PIPELINE_UPDATE_V1)
  @RequirePermission('pipeline.manage')
  update(@Payload('payload') dto: UpdatePipelineDto, @CallContext() ctx: CallContext): Promise<PipelineView> {
    return this.pipelines.update(dto, ctx);
  }

  @MessagePattern(PIPELINE_GET_V1)
  @RequirePermission('opportunity.read')
  get(@Payload('payload') dto: GetPipelineDto): Promise<PipelineView> {
    return this.pipelines.get(dto.pipelineId);
  }

  @MessagePattern(PIPELINE_LIST_V1)
  @RequirePermission('opportunity.read')
  list(@Payload('payload') dto: ListPipelinesDto): Promise<PipelinePage> {
    return this.pipelines.list(dto);
  }
}
