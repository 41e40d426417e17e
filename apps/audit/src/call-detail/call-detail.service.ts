import { Inject, Injectable } from '@nestjs/common';
import { CrmError, ErrorCode } from '@crm/contracts';
import { toCallLogItem, type CallLogItem } from '../call-log/call-log.mapper.js';
import { CallLogRepository } from '../call-log/call-log.repository.js';
import { EVENT_ID } from '../ingest/event-message.js';
import { toOperationLogItem, type OperationLogItem } from '../operation-log/operation-log.mapper.js';
import { OperationLogRepository } from '../operation-log/operation-log.repository.js';

/** Related records shown with one call; a requestId reused thousands of times must not flood the answer. */
export const RELATED_LIMIT = 200;

/** One call with everything recorded about it. */
export interface CallDetail {
  call: CallLogItem;
  /** The other legs with the same requestId (inbound and outbound), oldest first. */
  related: CallLogItem[];
  /** Operation-log entries the call's requestId produced, oldest first. */
  operations: OperationLogItem[];
  /** True when `related` or `operations` was cut at RELATED_LIMIT. */
  truncated: boolean;
}

@Injectable()
export class CallDetailService {
  constructor(
    @Inject(CallLogRepository) private readonly calls: CallLogRepository,
    @Inject(OperationLogRepository) private readonly operations: OperationLogRepository,
  ) {}

  async detail(id: string): Promise<CallDetail> {
    const row = EVENT_ID.test(id) ? await this.calls.findById(id) : null;
    if (!row) throw new CrmError(ErrorCode.NotFound, 'call not found');
    const call = toCallLogItem(row);
    if (!call.requestId) return { call, related: [], operations: [], truncated: false };
    const [legs, ops] = await Promise.all([
      this.calls.findByRequestId(call.requestId, RELATED_LIMIT + 1),
      this.operations.findByRequestId(call.requestId, RELATED_LIMIT),
    ]);
    const related = legs
      .filter((r) => r.id !== call.id)
      .slice(0, RELATED_LIMIT)
      .map(toCallLogItem);
    return {
      call,
      related,
      operations: ops.map(toOperationLogItem),
      truncated: legs.length > RELATED_LIMIT || ops.length >= RELATED_LIMIT,
    };
  }
}
