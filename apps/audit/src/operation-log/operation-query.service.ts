import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../call-log/call-cursor.js';
import { DEFAULT_PAGE_SIZE, parseTimestamp } from '../call-log/call-query.dto.js';
import { toOperationLogItem, type OperationLogPage } from './operation-log.mapper.js';
import { OperationLogRepository } from './operation-log.repository.js';
import type { OperationQueryDto } from './operation-query.dto.js';
import type { OperationLogFilter } from './operation-query.builder.js';

/** The DTO is already validated (global pipe); this only converts its text to typed bounds. */
export function toOperationLogFilter(q: OperationQueryDto): OperationLogFilter {
  const { from, to, cursor, limit, employee, entity, entityId, action } = q;
  const filter: OperationLogFilter = { limit: limit ?? DEFAULT_PAGE_SIZE };
  if (employee !== undefined) filter.actor = employee;
  if (entity !== undefined) filter.entity = entity;
  if (entityId !== undefined) filter.entityId = entityId;
  if (action !== undefined) filter.action = action;
  if (from !== undefined) filter.from = parseTimestamp(from) ?? undefined;
  if (to !== undefined) filter.to = parseTimestamp(to) ?? undefined;
  if (cursor !== undefined) filter.after = decodeCursor(cursor) ?? undefined;
  return filter;
}

@Injectable()
export class OperationQueryService {
  constructor(@Inject(OperationLogRepository) private readonly repository: OperationLogRepository) {}

  async page(query: OperationQueryDto): Promise<OperationLogPage> {
    const filter = toOperationLogFilter(query);
    const rows = await this.repository.findPage(filter);
    const more = rows.length > filter.limit;
    const page = more ? rows.slice(0, filter.limit) : rows;
    const last = page.at(-1);
    return {
      items: page.map(toOperationLogItem),
      nextCursor: more && last ? encodeCursor({ at: new Date(last.at), seq: BigInt(last.seq) }) : null,
    };
  }
}
