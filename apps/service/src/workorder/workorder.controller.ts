import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AcceptWorkorderDto,
  CompleteWorkorderDto,
  DispatchWorkorderDto,
  ProgressWorkorderDto,
  QueryWorkorderDto,
  UrgeWorkorderDto,
  WithdrawWorkorderDto,
  WORKORDER_ACCEPT_V1,
  WORKORDER_COMPLETE_V1,
  WORKORDER_DISPATCH_V1,
  WORKORDER_PROGRESS_V1,
  WORKORDER_QUERY_V1,
  WORKORDER_URGE_V1,
  WORKORDER_WITHDRAW_V1,
  type WorkorderStatusReply,
  type WorkorderView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { WorkorderService } from './workorder.service.js';

/**
 * EOMS-facing (dispatch, urge, withdraw, query) and staff-facing (accept, progress, complete)
 * patterns. Staff act through a front end: its caller credentials plus the employee's token.
 */
@Controller()
export class WorkorderController {
  constructor(@Inject(WorkorderService) private readonly workorders: WorkorderService) {}

  @MessagePattern(WORKORDER_DISPATCH_V1)
  dispatch(@Payload('payload') dto: DispatchWorkorderDto, @CallContext() ctx: CallContext): Promise<WorkorderStatusReply> {
    return this.workorders.dispatch(dto, ctx);
  }

  @MessagePattern(WORKORDER_URGE_V1)
  urge(@Payload('payload') dto: UrgeWorkorderDto, @CallContext() ctx: CallContext): Promise<WorkorderStatusReply> {
    return this.workorders.urge(dto.orderNo, dto.reason ?? null, ctx);
  }

  @MessagePattern(WORKORDER_WITHDRAW_V1)
  withdraw(@Payload('payload') dto: WithdrawWorkorderDto, @CallContext() ctx: CallContext): Promise<WorkorderStatusReply> {
    return this.workorders.withdraw(dto.orderNo, dto.reason, ctx);
  }

  @MessagePattern(WORKORDER_QUERY_V1)
  query(@Payload('payload') dto: QueryWorkorderDto): Promise<WorkorderView> {
    return this.workorders.query(dto.orderNo);
  }

  @MessagePattern(WORKORDER_ACCEPT_V1)
  @RequirePermission('workorder.update')
  accept(@Payload('payload') dto: AcceptWorkorderDto, @CallContext() ctx: CallContext): Promise<WorkorderStatusReply> {
    return this.workorders.accept(dto.orderNo, dto.note ?? null, ctx);
  }

  @MessagePattern(WORKORDER_PROGRESS_V1)
  @RequirePermission('workorder.update')
  progress(@Payload('payload') dto: ProgressWorkorderDto, @CallContext() ctx: CallContext): Promise<WorkorderStatusReply> {
    return this.workorders.progress(dto.orderNo, dto.note, ctx);
  }

  @MessagePattern(WORKORDER_COMPLETE_V1)
  @RequirePermission('workorder.update')
  complete(@Payload('payload') dto: CompleteWorkorderDto, @CallContext() ctx: CallContext): Promise<WorkorderStatusReply> {
    return this.workorders.complete(dto.orderNo, dto.resolution, ctx);
  }
}
