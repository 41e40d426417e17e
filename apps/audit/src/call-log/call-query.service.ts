import { Inject, Injectable } from '@nestjs/common';
import { ListCursorCodec, toPage, type ListPage } from '@crm/persistence';
import { AUDIT_PAGE, logFilter, sortedBy, type LogFilter } from '../log-query/log-list.js';
import { toCallLogItem, type CallLogItem } from './call-log.mapper.js';
import { CALL_LOG_LIST, CallLogRepository, internalCondition, type CallFilterField } from './call-log.repository.js';
import { HISTOGRAM_BUCKETS, type CallFilterDto, type CallHistogramQueryDto, type CallQueryDto } from './call-query.dto.js';

/** `GET /audit/calls/histogram`: the range cut into equal buckets, each with its calls and failed calls. */
export interface CallHistogram {
  from: string;
  to: string;
  bucketSeconds: number;
  /** Every bucket of the range, empty ones included, oldest first; `at` is the bucket's start. */
  buckets: Array<{ at: string; calls: number; errors: number }>;
  total: { calls: number; errors: number };
}

/** Histogram range when the query names none: the last 24 hours. */
const DEFAULT_RANGE_MS = 86_400_000;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Bucket widths a reader can add up at a glance; wider than 12 h, whole days. */
const STEPS = [1, 5, 10, 15, 30]
  .map((s) => s * SECOND)
  .concat(
    [1, 5, 10, 15, 30].map((m) => m * MINUTE),
    [1, 3, 6, 12].map((h) => h * HOUR),
  );

/** The narrowest readable bucket width that cuts `rangeMs` into at most `buckets` buckets. */
export function bucketWidth(rangeMs: number, buckets: number): number {
  const raw = Math.ceil(rangeMs / buckets);
  return STEPS.find((s) => s >= raw) ?? Math.ceil(raw / DAY) * DAY;
}

@Injectable()
export class CallQueryService {
  constructor(
    @Inject(CallLogRepository) private readonly repository: CallLogRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async page(q: CallQueryDto): Promise<ListPage<CallLogItem>> {
    const limit = q.limit ?? AUDIT_PAGE.defaultLimit;
    const list = sortedBy(CALL_LOG_LIST, q.sort, q.order);
    const after = q.cursor === undefined ? undefined : this.cursors.decode(list, q.cursor);
    return toPage(list, this.cursors, await this.repository.findPage(this.filter(q), after, limit, list), limit, toCallLogItem);
  }

  async histogram(q: CallHistogramQueryDto): Promise<CallHistogram> {
    const f = this.filter(q);
    const to = f.to ?? new Date();
    const from = f.from ?? new Date(to.getTime() - DEFAULT_RANGE_MS);
    const step = bucketWidth(to.getTime() - from.getTime(), q.buckets ?? HISTOGRAM_BUCKETS.default);
    const rows = await this.repository.countByBucket({ ...f, from, to }, step);
    const counted = new Map(rows.map((r) => [Number(r.bucket), { calls: Number(r.calls), errors: Number(r.errors) }]));
    const buckets: CallHistogram['buckets'] = [];
    // Buckets start on multiples of the width since the epoch (whole minutes, hours… in UTC).
    for (let n = Math.floor(from.getTime() / step); n * step < to.getTime(); n++)
      buckets.push({ at: new Date(n * step).toISOString(), ...(counted.get(n) ?? { calls: 0, errors: 0 }) });
    const total = { calls: 0, errors: 0 };
    for (const b of buckets) {
      total.calls += b.calls;
      total.errors += b.errors;
    }
    return { from: from.toISOString(), to: to.toISOString(), bucketSeconds: step / SECOND, buckets, total };
  }

  private filter(q: CallFilterDto): LogFilter<CallFilterField> {
    return { ...logFilter<CallFilterField>(q), conditions: q.internal === undefined ? [] : [internalCondition(q.internal)] };
  }
}
