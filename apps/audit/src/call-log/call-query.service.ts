import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from './call-cursor.js';
import { toCallLogItem, type CallLogPage } from './call-log.mapper.js';
import { CallLogRepository } from './call-log.repository.js';
import { DEFAULT_PAGE_SIZE, parseTimestamp, type CallQueryDto } from './call-query.dto.js';
import type { CallLogFilter } from './call-query.builder.js';

/** The DTO is already validated (global pipe); this only converts its text to typed bounds. */
export function toCallLogFilter(q: CallQueryDto): CallLogFilter {
  const { from, to, cursor, limit, ...equal } = q;
  return {
    ...equal,
    from: from === undefined ? undefined : (parseTimestamp(from) ?? undefined),
    to: to === undefined ? undefined : (parseTimestamp(to) ?? undefined),
    after: cursor === undefined ? undefined : (decodeCursor(cursor) ?? undefined),
    limit: limit ?? DEFAULT_PAGE_SIZE,
  };
}

@Injectable()
export class CallQueryService {
  constructor(@Inject(CallLogRepository) private readonly repository: CallLogRepository) {}

  async page(query: CallQueryDto): Promise<CallLogPage> {
    const filter = toCallLogFilter(query);
    const rows = await this.repository.findPage(filter);
    const more = rows.length > filter.limit;
    const page = more ? rows.slice(0, filter.limit) : rows;
    const last = page.at(-1);
    return {
      items: page.map(toCallLogItem),
      nextCursor: more && last ? encodeCursor({ at: new Date(last.at), seq: BigInt(last.seq) }) : null,
    };
  }
}
