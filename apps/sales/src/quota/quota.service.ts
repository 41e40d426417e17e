import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  CrmError,
  DEFAULT_CURRENCY,
  EMPLOYEE_ID_RE,
  ErrorCode,
  formatMoney,
  money,
  SALES_QUOTA_CHANGED_V1,
  type ListQuotasDto,
  type QuotaPage,
  type QuotaView,
  type SetQuotaDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, isDuplicateKey, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { periodEnd } from './quota-period.js';
import { QUOTA_LIST, QuotaRepository, type QuotaRow } from './quota.repository.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function toQuotaView(q: QuotaRow): QuotaView {
  return {
    quotaId: q.id,
    ownerKind: q.ownerKind,
    ownerId: q.ownerId,
    period: q.period,
    periodStart: q.periodStart,
    periodEnd: q.periodEnd,
    amount: formatMoney(money(q.amount)),
    currency: q.currency,
    version: q.version,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
  };
}

/**
 * Quotas per employee or team and period (month, quarter, year). `sales.quota.set.v1` creates the
 * period's quota or changes it (then with its `version`); each change is recorded with
 * `sales.quota.changed.v1`. Reads and writes see an employee's quota within the caller's data
 * scope, a team's when its manager or a member is.
 */
@Injectable()
export class QuotaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(QuotaRepository) private readonly quotas: QuotaRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async set(dto: SetQuotaDto, ctx: CallContext): Promise<QuotaView> {
    const employeeId = actingEmployee(ctx);
    const end = periodEnd(dto.period, dto.periodStart);
    if (end === null)
      throw new CrmError(ErrorCode.ValidationFailed, 'quota failed validation', [
        { field: 'periodStart', reasons: [`must be the first day of a ${dto.period}`] },
      ]);
    const ownerOk = dto.ownerKind === 'employee' ? EMPLOYEE_ID_RE.test(dto.ownerId) : UUID_RE.test(dto.ownerId);
    if (!ownerOk)
      throw new CrmError(ErrorCode.ValidationFailed, 'quota failed validation', [
        { field: 'ownerId', reasons: [dto.ownerKind === 'employee' ? 'must be an employee ID' : 'must be a team id'] },
      ]);
    if (money(dto.amount).isNegative())
      throw new CrmError(ErrorCode.ValidationFailed, 'quota failed validation', [{ field: 'amount', reasons: ['must not be negative'] }]);
    const amount = formatMoney(money(dto.amount));
    const currency = dto.currency ?? DEFAULT_CURRENCY;
    try {
      return await this.dataSource.transaction(async (m) => {
        if (dto.ownerKind === 'team' && !(await this.quotas.teamExists(m, dto.ownerId)))
          throw new CrmError(ErrorCode.ValidationFailed, 'quota failed validation', [{ field: 'ownerId', reasons: ['unknown team'] }]);
        if (!(await this.quotas.ownerInScope(m, dto.ownerKind, dto.ownerId, ctx.scope)))
          throw new CrmError(ErrorCode.NotFound, `${dto.ownerKind} ${dto.ownerId} not found`);
        const key = { ownerKind: dto.ownerKind, ownerId: dto.ownerId, periodStart: dto.periodStart, periodEnd: end };
        const before = await this.quotas.findByPeriod(m, key);
        if (!before) {
          if (dto.version !== undefined)
            throw new CrmError(ErrorCode.NotFound, 'no quota for this owner and period yet: set it without a version');
          const created = await this.quotas.insert(m, { id: randomUUID(), ...key, period: dto.period, amount, currency }, employeeId);
          await this.record(m, ctx, 'create', null, created);
          return toQuotaView(created);
        }
        if (dto.version !== before.version)
          throw new CrmError(ErrorCode.Conflict, `stale version: quota ${before.id} is at version ${before.version}`);
        if (money(before.amount).equals(money(amount)) && before.currency === currency) return toQuotaView(before);
        const after = await this.quotas.update(m, before.id, { amount, currency, version: before.version + 1 }, employeeId);
        await this.record(m, ctx, 'update', before, after);
        return toQuotaView(after);
      });
    } catch (err) {
      if (isDuplicateKey(err))
        throw new CrmError(ErrorCode.Conflict, 'stale version: the quota for this period was just set; read it and retry');
      throw err;
    }
  }

  async get(quotaId: string, ctx: CallContext): Promise<QuotaView> {
    const q = await this.quotas.find(quotaId, ctx.scope);
    if (!q) throw new CrmError(ErrorCode.NotFound, `quota ${quotaId} not found`);
    return toQuotaView(q);
  }

  async list(q: ListQuotasDto, ctx: CallContext): Promise<QuotaPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(QUOTA_LIST, q.cursor);
    return toPage(QUOTA_LIST, this.cursors, await this.quotas.list(q, limit, position, ctx.scope), limit, toQuotaView);
  }

  private async record(
    m: Parameters<ChangeRecorder['record']>[0],
    ctx: CallContext,
    action: string,
    before: QuotaRow | null,
    after: QuotaRow,
  ) {
    const view = toQuotaView(after);
    await this.changes.record(m, ctx, {
      entity: 'quota',
      entityId: after.id,
      action,
      before: before && { amount: formatMoney(money(before.amount)), currency: before.currency },
      after: {
        ownerKind: view.ownerKind,
        ownerId: view.ownerId,
        period: view.period,
        periodStart: view.periodStart,
        amount: view.amount,
        currency: view.currency,
      },
      event: { pattern: SALES_QUOTA_CHANGED_V1, data: view },
    });
  }
}
