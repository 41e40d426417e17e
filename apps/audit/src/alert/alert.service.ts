import { Inject, Injectable } from '@nestjs/common';
import { CrmError, ErrorCode } from '@crm/contracts';
import { ListCursorCodec, timeBounds, toPage, type ListPage } from '@crm/persistence';
import { AUDIT_PAGE } from '../log-query/log-list.js';
import { toAlertItem, type AlertItem } from './alert.mapper.js';
import { ALERT_LIST, AlertRepository } from './alert.repository.js';
import type { AlertQueryDto } from './alert-query.dto.js';

const ALERT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

@Injectable()
export class AlertService {
  constructor(
    @Inject(AlertRepository) private readonly repository: AlertRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async page(q: AlertQueryDto): Promise<ListPage<AlertItem>> {
    const limit = q.limit ?? AUDIT_PAGE.defaultLimit;
    const after = q.cursor === undefined ? undefined : this.cursors.decode(ALERT_LIST, q.cursor);
    const rows = await this.repository.findPage({ status: q.status, rule: q.rule, severity: q.severity, ...timeBounds(q) }, after, limit);
    return toPage(ALERT_LIST, this.cursors, rows, limit, toAlertItem);
  }

  /** 4040 for an unknown alert, 4090 when it was already acknowledged (by whom is in the answer's details). */
  async acknowledge(id: string, employeeId: string, note: string | null): Promise<AlertItem> {
    if (!ALERT_ID.test(id)) throw new CrmError(ErrorCode.NotFound, 'alert not found');
    const done = await this.repository.acknowledge(id, employeeId, note, new Date());
    const row = await this.repository.findById(id);
    if (!row) throw new CrmError(ErrorCode.NotFound, 'alert not found');
    if (!done) throw new CrmError(ErrorCode.Conflict, `alert already acknowledged by ${row.acknowledged_by ?? 'someone'}`);
    return toAlertItem(row);
  }
}
