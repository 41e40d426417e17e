import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  DEAL_REGISTRATION_APPROVED_V1,
  DEAL_REGISTRATION_REJECTED_V1,
  DEAL_REGISTRATION_SUBMITTED_V1,
  DEFAULT_CURRENCY,
  ErrorCode,
  formatMoney,
  money,
  type ApproveDealRegistrationDto,
  type DealRegistrationPage,
  type DealRegistrationView,
  type ListDealRegistrationsDto,
  type RejectDealRegistrationDto,
  type SubmitDealRegistrationDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, duplicateKeyName, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, holds, type CallContext } from '@crm/security';
import type { DealRegistrationEntity, PartnerEntity } from './partner.entity.js';
import { normalizeAccountName, toDealRegistrationView } from './partner.mapper.js';
import { PartnerRepository } from './partner.repository.js';
import {
  DEAL_REGISTRATION_LIST,
  DealRegistrationRepository,
  type AccountClue,
  type NewDealRegistration,
  type RegistrationReader,
} from './deal-registration.repository.js';

/** The fields a re-submit with the same `partnerRef` must repeat to be answered with the original. */
const SUBMITTED = [
  'accountName',
  'registrationNo',
  'regionCode',
  'opportunityName',
  'amount',
  'currency',
  'expectedCloseDate',
  'products',
] as const;
const LOGGED = ['status', 'flagged', 'collidingOpportunityIds', 'collidingRegistrationIds', 'decidedBy', 'decisionReason'] as const;

/**
 * Deal registrations. `submit` is called by a partner's OWN system caller without an employee
 * token (the partner is the one whose `callerName` is the verified caller; a call from any other
 * caller is 4030); `approve`/`reject` by an employee with `partner.write`; `get`/`list` by an
 * employee with `partner.read` (within the scope, by the partner's channel manager) or by the
 * partner's caller (its own registrations only).
 *
 * A registration is checked against existing accounts (registration number, else normalised name
 * and region) and their open opportunities, and against other live registrations: a collision is
 * FLAGGED on it (the ids, for the approver), never refused.
 */
@Injectable()
export class DealRegistrationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(DealRegistrationRepository) private readonly registrations: DealRegistrationRepository,
    @Inject(PartnerRepository) private readonly partners: PartnerRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async submit(dto: SubmitDealRegistrationDto, ctx: CallContext): Promise<DealRegistrationView> {
    const partner = await this.callingPartner(ctx);
    if (partner.status !== 'active') throw new CrmError(ErrorCode.Forbidden, `partner ${partner.id} is ${partner.status}`);
    const id = randomUUID();
    const accountName = dto.accountName.trim();
    const clue: AccountClue = {
      registrationNo: dto.registrationNo?.trim() ?? null,
      name: accountName,
      normalizedName: normalizeAccountName(accountName),
      regionCode: dto.regionCode ?? null,
    };
    if (!clue.normalizedName)
      throw new CrmError(ErrorCode.ValidationFailed, 'accountName has no letters or digits', [
        { field: 'accountName', reasons: ['accountName must hold letters or digits'] },
      ]);
    const fields: Pick<NewDealRegistration, (typeof SUBMITTED)[number]> = {
      accountName,
      registrationNo: clue.registrationNo,
      regionCode: clue.regionCode,
      opportunityName: dto.opportunityName.trim(),
      amount: formatMoney(money(dto.amount)),
      currency: dto.currency ?? DEFAULT_CURRENCY,
      expectedCloseDate: dto.expectedCloseDate,
      products: (dto.products ?? []).map((p) => ({ sku: p.sku, quantity: p.quantity ?? null })),
    };
    if (dto.partnerRef !== undefined) {
      const earlier = await this.registrations.byRef(partner.id, dto.partnerRef);
      if (earlier) return this.resubmitted(earlier, fields, partner);
    }
    try {
      return await this.dataSource.transaction(async (m) => {
        const accountIds = await this.registrations.matchAccounts(m, clue);
        const collidingOpportunityIds = await this.registrations.openOpportunities(m, accountIds);
        const collidingRegistrationIds = await this.registrations.liveRegistrations(m, clue, accountIds, id);
        const created = await this.registrations.insert(m, {
          id,
          partnerId: partner.id,
          partnerRef: dto.partnerRef ?? null,
          ...fields,
          normalizedName: clue.normalizedName,
          status: 'submitted',
          accountId: accountIds[0] ?? null,
          flagged: collidingOpportunityIds.length > 0 || collidingRegistrationIds.length > 0,
          collidingOpportunityIds,
          collidingRegistrationIds,
          submittedBy: ctx.caller,
          decidedBy: null,
          decidedAt: null,
          decisionReason: null,
        });
        const view = toDealRegistrationView(created, partner.name);
        await this.changes.record(m, ctx, {
          entity: 'deal-registration',
          entityId: id,
          action: 'submit',
          before: null,
          after: { partnerId: partner.id, ...fields, ...pick(created) },
          event: { pattern: DEAL_REGISTRATION_SUBMITTED_V1, data: view },
        });
        return view;
      });
    } catch (err) {
      if (duplicateKeyName(err) === 'uq_deal_registration_ref' && dto.partnerRef !== undefined) {
        const earlier = await this.registrations.byRef(partner.id, dto.partnerRef);
        if (earlier) return this.resubmitted(earlier, fields, partner);
      }
      throw err;
    }
  }

  approve(dto: ApproveDealRegistrationDto, ctx: CallContext, now = new Date()): Promise<DealRegistrationView> {
    return this.decide(dto.registrationId, dto.version, 'approved', dto.note?.trim() ?? null, ctx, now);
  }

  reject(dto: RejectDealRegistrationDto, ctx: CallContext, now = new Date()): Promise<DealRegistrationView> {
    return this.decide(dto.registrationId, dto.version, 'rejected', dto.reason.trim(), ctx, now);
  }

  async get(registrationId: string, ctx: CallContext): Promise<DealRegistrationView> {
    const reader = await this.reader(ctx);
    const r = await this.registrations.find(registrationId, reader);
    if (!r) throw new CrmError(ErrorCode.NotFound, `deal registration ${registrationId} not found`);
    return (await this.views([r]))[0]!;
  }

  async list(q: ListDealRegistrationsDto, ctx: CallContext): Promise<DealRegistrationPage> {
    const reader = await this.reader(ctx);
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(DEAL_REGISTRATION_LIST, q.cursor);
    const rows = await this.registrations.list(q, limit, position, reader);
    const names = await this.partners.names(rows.map((r) => r.partnerId));
    return toPage(DEAL_REGISTRATION_LIST, this.cursors, rows, limit, (r) => toDealRegistrationView(r, names.get(r.partnerId) ?? ''));
  }

  private async decide(
    id: string,
    version: number,
    status: 'approved' | 'rejected',
    reason: string | null,
    ctx: CallContext,
    now: Date,
  ): Promise<DealRegistrationView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const before = await this.registrations.find(id, { scope: ctx.scope }, m, true);
      if (!before) throw new CrmError(ErrorCode.NotFound, `deal registration ${id} not found`);
      if (before.version !== version)
        throw new CrmError(ErrorCode.Conflict, `stale version: deal registration ${id} is at version ${before.version}, not ${version}`);
      if (before.status !== 'submitted') throw new CrmError(ErrorCode.Conflict, `deal registration ${id} is already ${before.status}`);
      const after = await this.registrations.update(m, id, {
        status,
        decidedBy: employeeId,
        decidedAt: now,
        decisionReason: reason,
        version: before.version + 1,
      });
      const view = (await this.views([after], m))[0]!;
      await this.changes.record(m, ctx, {
        entity: 'deal-registration',
        entityId: id,
        action: status === 'approved' ? 'approve' : 'reject',
        before: pick(before),
        after: pick(after),
        event:
          status === 'approved'
            ? { pattern: DEAL_REGISTRATION_APPROVED_V1, data: view }
            : { pattern: DEAL_REGISTRATION_REJECTED_V1, data: view },
      });
      return view;
    });
  }

  /** The partner whose system is calling; 4030 for any other caller. */
  private async callingPartner(ctx: CallContext): Promise<PartnerEntity> {
    const partner = ctx.caller ? await this.partners.byCaller(ctx.caller) : null;
    if (!partner) throw new CrmError(ErrorCode.Forbidden, `caller ${ctx.caller} is not a channel partner's system`);
    return partner;
  }

  /** An employee needs `partner.read` and reads within their scope; a partner's caller reads its own. */
  private async reader(ctx: CallContext): Promise<RegistrationReader> {
    if (ctx.employeeId) {
      if (!holds(ctx, 'partner.read')) throw new CrmError(ErrorCode.Forbidden, 'employee lacks the permission partner.read');
      return { scope: ctx.scope };
    }
    return { partnerId: (await this.callingPartner(ctx)).id };
  }

  private async resubmitted(
    earlier: DealRegistrationEntity,
    fields: Pick<NewDealRegistration, (typeof SUBMITTED)[number]>,
    partner: PartnerEntity,
  ): Promise<DealRegistrationView> {
    const same = SUBMITTED.every((f) => JSON.stringify(earlier[f] ?? null) === JSON.stringify(fields[f] ?? null));
    if (!same)
      throw new CrmError(
        ErrorCode.Conflict,
        `partnerRef ${earlier.partnerRef} was used for deal registration ${earlier.id} with other content`,
      );
    return toDealRegistrationView(earlier, partner.name);
  }

  private async views(rows: DealRegistrationEntity[], m?: EntityManager): Promise<DealRegistrationView[]> {
    const names = await this.partners.names(
      rows.map((r) => r.partnerId),
      m,
    );
    return rows.map((r) => toDealRegistrationView(r, names.get(r.partnerId) ?? ''));
  }
}

function pick(r: DealRegistrationEntity): Record<string, unknown> {
  return Object.fromEntries(LOGGED.map((f) => [f, r[f]]));
}
