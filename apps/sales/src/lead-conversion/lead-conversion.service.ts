import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  names,
  SALES_LEAD_CONVERTED_V1,
  type ApplyLeadConversionDto,
  type LeadConversionApplied,
  type ScopeGrant,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { isDuplicateKey, retryOnDeadlock } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import { AccountRepository } from '../account/account.repository.js';
import { AccountService } from '../account/account.service.js';
import { ContactRepository } from '../account/contact.repository.js';
import { ContactService } from '../account/contact.service.js';
import { OpportunityService } from '../opportunity/opportunity.service.js';
import { LeadConversionRepository, type LeadConversionRow } from './lead-conversion.repository.js';

/** Only marketing's own system caller converts leads (its outbox sends the request). */
export const CONVERTING_CALLER = names.systemCaller('marketing');

/** The conversion acts for marketing, not within one rep's sales scope: it links or creates whichever account. */
const EVERYTHING: ScopeGrant = { scope: 'all', owners: null };

/** How often an apply that lost a race on a unique key (the lead, or an account's name) is run again. */
const ATTEMPTS = 3;

/**
 * Applies marketing's lead conversions (`sales.lead-conversion.apply.v1`) idempotently by `leadId`:
 * in one transaction the lead is claimed in `lead_conversion` (primary key), the account linked (by
 * id, or the existing one the duplicate rule finds) or created, a contact made from the lead and an
 * opportunity opened carrying `leadId` and `campaignId` — each through its service's own path, so
 * each writes its operation-log entry and event — and `sales.lead.converted.v1` published. A second
 * apply of the lead answers the recorded ids (`replayed: true`) and creates nothing.
 */
@Injectable()
export class LeadConversionService {
  constructor(
    @InjectDataSource() private readonly dataSource: Pick<DataSource, 'transaction'>,
    @Inject(ChangeRecorder) private readonly changes: Pick<ChangeRecorder, 'record'>,
    @Inject(LeadConversionRepository) private readonly conversions: LeadConversionRepository,
    @Inject(AccountRepository) private readonly accountRows: Pick<AccountRepository, 'findById' | 'holderOf'>,
    @Inject(AccountService) private readonly accounts: Pick<AccountService, 'createIn'>,
    @Inject(ContactRepository) private readonly contactRows: Pick<ContactRepository, 'findPrimary'>,
    @Inject(ContactService) private readonly contacts: Pick<ContactService, 'createIn'>,
    @Inject(OpportunityService) private readonly opportunities: Pick<OpportunityService, 'createIn'>,
  ) {}

  async apply(dto: ApplyLeadConversionDto, ctx: CallContext): Promise<LeadConversionApplied> {
    if (ctx.caller !== CONVERTING_CALLER) throw new CrmError(ErrorCode.Forbidden, `only ${CONVERTING_CALLER} converts leads`);
    // The records are the converting employee's doing (operation log), across all of sales.
    const acting: CallContext = { ...ctx, employeeId: dto.employeeId, scope: EVERYTHING, permissions: [] };
    for (let attempt = 1; ; attempt++) {
      try {
        return await retryOnDeadlock(() => this.dataSource.transaction((m) => this.applyOnce(m, dto, acting)));
      } catch (error) {
        if (attempt < ATTEMPTS && isDuplicateKey(error)) continue;
        throw error;
      }
    }
  }

  private async applyOnce(m: EntityManager, dto: ApplyLeadConversionDto, ctx: CallContext): Promise<LeadConversionApplied> {
    const done = await this.conversions.find(m, dto.leadId);
    if (done) return applied(done, true);
    const now = new Date();
    await this.conversions.claim(m, dto.leadId, dto.campaignId ?? null, dto.employeeId, now);

    const { account, linkedExisting } = await this.account(m, dto, ctx);
    const contact = await this.contacts.createIn(
      m,
      {
        accountId: account.id,
        name: dto.contact.name ?? 'Unnamed',
        role: dto.contact.role,
        title: dto.contact.title,
        phone: dto.contact.phone,
        email: dto.contact.email,
        // The first contact of an account is its primary one; an existing primary contact stays.
        primary: (await this.contactRows.findPrimary(m, account.id)) === null,
      },
      ctx,
    );
    const opportunity = await this.opportunities.createIn(
      m,
      {
        accountId: account.id,
        name: dto.opportunity.name,
        amount: dto.opportunity.amount,
        currency: dto.opportunity.currency,
        closeDate: dto.opportunity.closeDate,
        channel: dto.channel,
        leadId: dto.leadId,
        campaignId: dto.campaignId ?? undefined,
        // The account's owner works the deal (a new account's owner: the territory rule's, else the converting employee).
        ownerId: account.ownerId,
      },
      ctx,
    );
    const row: LeadConversionRow = {
      leadId: dto.leadId,
      campaignId: dto.campaignId ?? null,
      accountId: account.id,
      contactId: contact.id,
      opportunityId: opportunity.opportunityId,
      linkedExisting,
      employeeId: dto.employeeId,
      createdAt: now,
    };
    await this.conversions.complete(m, row);
    const result = applied(row, false);
    await this.changes.record(m, ctx, {
      entity: 'lead-conversion',
      entityId: dto.leadId,
      action: 'apply',
      before: null,
      after: { ...ids(row), campaignId: row.campaignId, linkedExisting, leadSource: dto.leadSource ?? null },
      event: {
        pattern: SALES_LEAD_CONVERTED_V1,
        data: { ...ids(row), campaignId: row.campaignId, linkedExisting, convertedAt: result.convertedAt },
      },
    });
    return result;
  }

  /** The account named by id, the existing one the duplicate rule finds, or a new one. */
  private async account(
    m: EntityManager,
    dto: ApplyLeadConversionDto,
    ctx: CallContext,
  ): Promise<{ account: { id: string; ownerId: string }; linkedExisting: boolean }> {
    const a = dto.account;
    if (a.accountId) {
      const found = await this.accountRows.findById(a.accountId, EVERYTHING, m, true);
      if (!found)
        throw new CrmError(ErrorCode.NotFound, `account ${a.accountId} not found`, [
          { field: 'account.accountId', reasons: ['no account with this id'] },
        ]);
      return { account: found, linkedExisting: true };
    }
    if (!a.name)
      throw new CrmError(ErrorCode.ValidationFailed, 'account.name is required', [{ field: 'account.name', reasons: ['required'] }]);
    const candidate = AccountService.candidateOf({ name: a.name, registrationNo: a.registrationNo, regionCode: a.regionCode });
    const holder =
      (candidate.registrationNo ? await this.accountRows.holderOf('registrationNo', candidate, m) : null) ??
      (await this.accountRows.holderOf('name', candidate, m));
    if (holder) {
      const existing = await this.accountRows.findById(holder.id, EVERYTHING, m, true);
      if (existing) return { account: existing, linkedExisting: true };
    }
    const created = await this.accounts.createIn(
      m,
      { name: a.name, registrationNo: a.registrationNo, industryCode: a.industryCode, regionCode: a.regionCode, segment: a.segment },
      candidate,
      ctx,
    );
    return { account: created, linkedExisting: false };
  }
}

function ids(r: Pick<LeadConversionRow, 'leadId' | 'accountId' | 'contactId' | 'opportunityId'>) {
  return { leadId: r.leadId, accountId: r.accountId, contactId: r.contactId, opportunityId: r.opportunityId };
}

function applied(r: LeadConversionRow, replayed: boolean): LeadConversionApplied {
  return { ...ids(r), campaignId: r.campaignId, linkedExisting: r.linkedExisting, replayed, convertedAt: r.createdAt.toISOString() };
}
