import { ApiProperty } from '@nestjs/swagger';
import { CallLogItemResponse } from '../call-log/call-log.response.js';
import { OperationLogItemResponse } from '../operation-log/operation-log.response.js';
import type { CallDetail } from './call-detail.service.js';

export class CallDetailResponse implements CallDetail {
  @ApiProperty({ type: CallLogItemResponse })
  call: CallLogItemResponse;
  @ApiProperty({
    type: [CallLogItemResponse],
    description: "the other legs of the call's trace (for a call stored without one: with the same requestId), oldest first",
  })
  related: CallLogItemResponse[];
  @ApiProperty({ enum: ['trace', 'requestId'], nullable: true, description: 'what related was found by' })
  linkedBy: 'trace' | 'requestId' | null;
  @ApiProperty({ type: [OperationLogItemResponse], description: "operation log entries the call's requestId produced, oldest first" })
  operations: OperationLogItemResponse[];
  @ApiProperty({ description: 'true when related or operations was cut at its limit' })
  truncated: boolean;
}
