import { Inject, Injectable } from '@nestjs/common';
import { ListCursorCodec, toPage, type ListPage } from '@crm/persistence';
import { AUDIT_PAGE, logFilter } from '../log-query/log-list.js';
import { toCallLogItem, type CallLogItem } from './call-log.mapper.js';
import { CALL_LOG_LIST, CallLogRepository } from './call-log.repository.js';
import type { CallQueryDto } from './call-query.dto.js';

@Injectable()
export class CallQueryService {
  constructor(
    @Inject(CallLogRepository) private readonly repository: CallLogRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async page(q: CallQueryDto): Promise<ListPage<CallLogItem>> {
    const limit = q.limit ?? AUDIT_PAGE.defaultLimit;
    const after = q.cursor === undefined ? undefined : this.cursors.decode(CALL_LOG_LIST, q.cursor);
    return toPage(CALL_LOG_LIST, this.cursors, await this.repository.findPage(logFilter(q), after, limit), limit, toCallLogItem);
  }
}
