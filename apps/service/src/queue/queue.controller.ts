import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateQueueDto,
  GetQueueDto,
  ListQueuesDto,
  QUEUE_CREATE_V1,
  QUEUE_GET_V1,
  QUEUE_LIST_V1,
  QUEUE_MEMBERS_V1,
  QUEUE_UPDATE_V1,
  SetQueueMembersDto,
  UpdateQueueDto,
  type QueuePage,
  type QueueView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { QueueService } from './queue.service.js';

/** Queues are assignment configuration: edited with `workflow.manage`, read with `case.read`. */
@Controller()
export class QueueController {
  constructor(@Inject(QueueService) private readonly queues: QueueService) {}

  @MessagePattern(QUEUE_CREATE_V1)
  @RequirePermission('workflow.manage')
  create(@Payload('payload') dto: CreateQueueDto, @CallContext() ctx: CallContext): Promise<QueueView> {
    return this.queues.create(dto, ctx);
  }

  @MessagePattern(QUEUE_UPDATE_V1)
  @RequirePermission('workflow.manage')
  update(@Payload('payload') dto: UpdateQueueDto, @CallContext() ctx: CallContext): Promise<QueueView> {
    return this.queues.update(dto, ctx);
  }

  @MessagePattern(QUEUE_MEMBERS_V1)
  @RequirePermission('workflow.manage')
  members(@Payload('payload') dto: SetQueueMembersDto, @CallContext() ctx: CallContext): Promise<QueueView> {
    return this.queues.members(dto, ctx);
  }

  @MessagePattern(QUEUE_GET_V1)
  @RequirePermission('case.read')
  get(@Payload('payload') dto: GetQueueDto): Promise<QueueView> {
    return this.queues.get(dto.queueId);
  }

  @MessagePattern(QUEUE_LIST_V1)
  @RequirePermission('case.read')
  list(@Payload('payload') dto: ListQueuesDto): Promise<QueuePage> {
    return this.queues.list(dto);
  }
}
