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
  /**
   * The other legs of the call, oldest first: every call recorded in its trace (the partner's call,
   * the credential check it caused, calls its outbox rows made, in every app), or — for a call
   * stored without trace context (before issue 14) — the calls sharing its requestId.
   */
  related: CallLogItem[];
  /** What `related` was found by. */
  linkedBy: 'trace' | 'requestId' | null;
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
    const linkedBy = call.traceId ? 'trace' : call.requestId ? 'requestId' : null;
    const [legs, ops] = await Promise.all([
      call.traceId
        ? this.calls.findByTraceId(call.traceId, RELATED_LIMIT + 1)
        : call.requestId
          ? this.calls.findByRequestId(call.requestId, RELATED_LIMIT + 1)
          : [],
      call.requestId ? this.operations.findByRequestId(call.requestId, RELATED_LIMIT) : [],
    ]);
    const related = legs
      .filter((r) => r.id !== call.id)
      .slice(0, RELATED_LIMIT)
      .map(toCallLogItem);
    return {
      call,
      related,
      linkedBy,
      operations: ops.map(toOperationLogItem),
      truncated: legs.length > RELATED_LIMIT || ops.length >= RELATED_LIMIT,
    };
  }
}
