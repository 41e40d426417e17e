import { ApiProperty } from '@nestjs/swagger';
import type { CallDirection } from '@crm/contracts';
import type { CallLogItem } from './call-log.mapper.js';
import type { CallHistogram } from './call-query.service.js';

/** The HTTP answer's schema of one call log entry (SPEC §4.1). */
export class CallLogItemResponse implements CallLogItem {
  @ApiProperty({ description: 'uuid, new for every processing of a message' })
  id: string;
  @ApiProperty({ format: 'date-time', description: 'UTC, milliseconds' })
  at: string;
  @ApiProperty({ enum: ['inbound', 'outbound'], description: 'inbound: this app was called; outbound: it called another' })
  direction: CallDirection;
  @ApiProperty({ description: 'the app that recorded it', example: 'service' })
  service: string;
  @ApiProperty({ type: String, nullable: true, example: 'EOMS' })
  caller: string | null;
  @ApiProperty({ example: 'service' })
  callee: string;
  @ApiProperty({ type: String, nullable: true, example: 'service.workorder.dispatch.v1' })
  pattern: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the caller's data.requestId, else the record id" })
  requestId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'employee ID the caller acted for' })
  actor: string | null;
  @ApiProperty({ description: '0 or a wire contract error code' })
  code: number;
  @ApiProperty()
  ok: boolean;
  @ApiProperty()
  durationMs: number;
  @ApiProperty({ type: String, nullable: true, description: 'error text; never secrets' })
  message: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'broker user id, when known' })
  source: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '4bf92f3577b34da6a3ce929d0e0e4736',
    description: "W3C trace id: the caller's traceparent, else a new trace; null for calls stored before trace propagation",
  })
  traceId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '00f067aa0ba902b7', description: "this leg's span id" })
  spanId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the span this leg continues (the caller's, or the local call's for an outbound call); null at the root of a trace",
  })
  parentSpanId: string | null;
}

/** One bucket of `GET /audit/calls/histogram`. */
export class CallBucketResponse {
  @ApiProperty({ format: 'date-time', description: "the bucket's start; buckets are whole multiples of bucketSeconds in UTC" })
  at: string;
  @ApiProperty({ description: 'calls in the bucket that match the filters' })
  calls: number;
  @ApiProperty({ description: 'of those, the calls that did not end OK' })
  errors: number;
}

export class CallCountResponse {
  @ApiProperty()
  calls: number;
  @ApiProperty()
  errors: number;
}

/** The HTTP answer's schema of `GET /audit/calls/histogram`. */
export class CallHistogramResponse implements CallHistogram {
  @ApiProperty({ format: 'date-time', description: 'the range read, inclusive' })
  from: string;
  @ApiProperty({ format: 'date-time', description: 'exclusive' })
  to: string;
  @ApiProperty({ description: 'the width of a bucket', example: 60 })
  bucketSeconds: number;
  @ApiProperty({ type: [CallBucketResponse], description: 'every bucket of the range, empty ones included, oldest first' })
  buckets: CallBucketResponse[];
  @ApiProperty({ type: CallCountResponse })
  total: CallCountResponse;
}
