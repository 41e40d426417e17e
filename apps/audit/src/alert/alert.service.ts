import { Inject, Injectable } from '@nestjs/common';
import { CrmError, ErrorCode } from '@crm/contracts';
import { DEFAULT_PAGE_SIZE, parseTimestamp } from '../call-log/call-query.dto.js';
import { toAlertItem, type AlertItem, type AlertPage } from './alert.mapper.js';
import { AlertRepository, type AlertFilter } from './alert.repository.js';
import { decodeAlertCursor, encodeAlertCursor, type AlertQueryDto } from './alert-query.dto.js';

const ALERT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

@Injectable()
export class AlertService {
  constructor(@Inject(AlertRepository) private readonly repository: AlertRepository) {}

  async page(q: AlertQueryDto): Promise<AlertPage> {
    const filter: AlertFilter = { limit: q.limit ?? DEFAULT_PAGE_SIZE, status: q.status, rule: q.rule, severity: q.severity };
    if (q.from !== undefined) filter.from = parseTimestamp(q.from) ?? undefined;
    if (q.to !== undefined) filter.to = parseTimestamp(q.to) ?? undefined;
    if (q.cursor !== undefined) filter.afterSeq = decodeAlertCursor(q.cursor) ?? undefined;
    const rows = await this.repository.findPage(filter);
    const more = rows.length > filter.limit;
    const page = more ? rows.slice(0, filter.limit) : rows;
    const last = page.at(-1);
    return { items: page.map(toAlertItem), nextCursor: more && last ? encodeAlertCursor(BigInt(last.seq)) : null };
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
