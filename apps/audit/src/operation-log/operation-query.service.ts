import { Inject, Injectable } from '@nestjs/common';
import { ListCursorCodec, toPage, type ListPage } from '@crm/persistence';
import { AUDIT_PAGE, logFilter } from '../log-query/log-list.js';
import { toOperationLogItem, type OperationLogItem } from './operation-log.mapper.js';
import { OPERATION_LOG_LIST, OperationLogRepository, withoutReadsBy, type OperationFilterField } from './operation-log.repository.js';
import type { OperationQueryDto } from './operation-query.dto.js';

@Injectable()
export class OperationQueryService {
  constructor(
    @Inject(OperationLogRepository) private readonly repository: OperationLogRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  /** `operatorId`: who asks, whose own reads `ownReads=false` hides. */
  async page(q: OperationQueryDto, operatorId: string): Promise<ListPage<OperationLogItem>> {
    const limit = q.limit ?? AUDIT_PAGE.defaultLimit;
    const after = q.cursor === undefined ? undefined : this.cursors.decode(OPERATION_LOG_LIST, q.cursor);
    const filter = { ...logFilter<OperationFilterField>(q), conditions: q.ownReads === false ? [withoutReadsBy(operatorId)] : [] };
    return toPage(OPERATION_LOG_LIST, this.cursors, await this.repository.findPage(filter, after, limit), limit, toOperationLogItem);
  }
}
