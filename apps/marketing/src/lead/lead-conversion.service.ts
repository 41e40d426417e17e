import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  LEAD_CONVERSION_APPLY_V1,
  LEAD_CONVERSION_FAILED_V1,
  LEAD_CONVERTED_V1,
  LEAD_STATUS_CHANGED_V1,
  names,
  type ConvertLeadDto,
  type ConvertLeadReply,
  type LeadConversionApplied,
} from '@crm/contracts';
import { ChangeRecorder, OutboxRelay, OutboxWriter, type CallOutcome, type OutboxCall } from '@crm/outbox';
import { retryOnDeadlock } from '@crm/persistence';
import { actingEmployee, systemContext, type CallContext } from '@crm/security';
import type { LeadEntity } from './lead.entity.js';
import { LeadRepository } from './lead.repository.js';
import { conversionError, conversionRequest, decideAnswer, decideConvert, type ConversionIds } from './lead-conversion.saga.js';

/** Where marketing's conversion requests go: the sales app, as marketing's system caller. */
export const SALES_TARGET = 'sales';

/**
 * Converting a lead into sales as a saga (SPEC §6.1, issue 10 item 4). The convert call marks the
 * lead `converting` and, in the same transaction, writes the request to sales into the outbox
 * (`sales.lead-conversion.apply.v1`, its `requestId` the row id): it exists if and only if the mark
 * committed, and the relay sends it until sales answers — also after sales was down for a while.
 * Sales applies it once per lead and answers the ids (again on a repeat). The answer reaches the lead
 * by two roads, each applied once and both idempotent: the relay's reply handler (in the transaction
 * that deletes the outbox row) and sales' `sales.lead.converted.v1` through the inbox
 * (`<ns>.marketing.in.lead-conversion`). A refusal for good (4040/4090/4220) marks the attempt
 * `failed` with the error, the lead stays `qualified` and can be converted again.
 */
@Injectable()
export class LeadConversionService implements OnModuleInit {
  private readonly log = new Logger('LeadConversion');
  private readonly system = systemContext(names.systemCaller('marketing'));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(LeadRepository) private readonly leads: LeadRepository,
  ) {}

  onModuleInit(): void {
    this.relay.onReply(LEAD_CONVERSION_APPLY_V1, (m, outcome, call) => this.answered(m, outcome, call));
  }

  async convert(dto: ConvertLeadDto, ctx: CallContext): Promise<ConvertLeadReply> {
    const employeeId = actingEmployee(ctx);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const lead = await this.leads.find(dto.leadId, ctx.scope, m, true);
        if (!lead) throw new CrmError(ErrorCode.NotFound, `lead ${dto.leadId} not found`);
        const decision = decideConvert(lead, dto.version);
        if (decision.kind === 'answer') return decision.reply;
        const request = conversionRequest(lead, dto, employeeId);
        const callId = randomUUID();
        const now = new Date();
        const after: LeadEntity = {
          ...lead,
          conversionStatus: 'converting',
          conversionError: null,
          conversionCallId: callId,
          version: lead.version + 1,
          updatedBy: employeeId,
          updatedAt: now,
        };
        await this.leads.update(m, lead.id, {
          conversionStatus: after.conversionStatus,
          conversionError: null,
          conversionCallId: callId,
          version: after.version,
          updatedBy: employeeId,
          updatedAt: now,
        });
        const summary = {
          account: request.account.accountId ? { accountId: request.account.accountId } : { name: request.account.name },
          opportunity: request.opportunity,
          channel: request.channel,
          requestId: callId,
        };
        await this.leads.insertHistory(m, { leadId: lead.id, action: 'converting', actor: employeeId, at: now, details: summary });
        await this.changes.record(m, ctx, {
          entity: 'lead',
          entityId: lead.id,
          action: 'convert',
          before: { conversionStatus: lead.conversionStatus },
          after: { conversionStatus: 'converting', ...summary },
        });
        // One stream per lead: a second attempt (after a refusal) never overtakes the first.
        await this.outbox.call(
          m,
          SALES_TARGET,
          LEAD_CONVERSION_APPLY_V1,
          { ...request },
          { id: callId, stream: `lead-conversion:${lead.id}` },
        );
        return { leadId: lead.id, status: 'converting' };
      }),
    );
  }

  /** The relay's reply handler: sales answered the ids, or refused for good. */
  async answered(m: EntityManager, outcome: CallOutcome, call: OutboxCall): Promise<void> {
    const leadId = String(call.payload.leadId);
    if (outcome.ok) {
      const r = outcome.reply as LeadConversionApplied;
      await this.complete(m, leadId, r);
      return;
    }
    const lead = await this.leads.find(leadId, 'unscoped', m, true);
    if (!lead || decideAnswer(lead, { ok: false, callId: call.id }) !== 'fail') return;
    await this.fail(m, lead, outcome.refusal);
  }

  /** Sales' ids for the lead (reply or event): the lead becomes `converted` once; later arrivals change nothing. */
  async complete(m: EntityManager, leadId: string, ids: ConversionIds): Promise<void> {
    const lead = await this.leads.find(leadId, 'unscoped', m, true);
    if (!lead) {
      this.log.warn({ msg: 'sales converted a lead marketing does not have', leadId });
      return;
    }
    if (decideAnswer(lead, { ok: true }) !== 'complete') return;
    const now = new Date();
    const actor = this.system.caller;
    const after: LeadEntity = {
      ...lead,
      status: 'converted',
      statusReason: null,
      accountId: ids.accountId,
      contactId: ids.contactId,
      opportunityId: ids.opportunityId,
      convertedAt: now,
      conversionStatus: 'converted',
      conversionError: null,
      version: lead.version + 1,
      updatedBy: actor,
      updatedAt: now,
    };
    await this.leads.update(m, lead.id, {
      status: after.status,
      statusReason: null,
      accountId: after.accountId,
      contactId: after.contactId,
      opportunityId: after.opportunityId,
      convertedAt: now,
      conversionStatus: 'converted',
      conversionError: null,
      version: after.version,
      updatedBy: actor,
      updatedAt: now,
    });
    const produced = {
      accountId: ids.accountId,
      contactId: ids.contactId,
      opportunityId: ids.opportunityId,
      linkedExisting: ids.linkedExisting,
    };
    await this.leads.insertHistory(m, {
      leadId: lead.id,
      action: 'converted',
      actor,
      at: now,
      details: { changes: [{ field: 'status', old: lead.status, new: 'converted' }], ...produced },
    });
    await this.changes.record(m, this.system, {
      entity: 'lead',
      entityId: lead.id,
      action: 'converted',
      before: {
        status: lead.status,
        conversionStatus: lead.conversionStatus,
        accountId: lead.accountId,
        opportunityId: lead.opportunityId,
      },
      after: { status: after.status, conversionStatus: after.conversionStatus, ...produced },
      event: {
        pattern: LEAD_CONVERTED_V1,
        data: {
          leadId: lead.id,
          ...produced,
          campaignId: lead.campaignId,
          ownerId: lead.ownerId,
          convertedAt: now.toISOString(),
          version: after.version,
        },
      },
    });
    await this.outbox.add(
      m,
      LEAD_STATUS_CHANGED_V1,
      {
        leadId: lead.id,
        from: lead.status,
        to: 'converted',
        reason: null,
        ownerId: lead.ownerId,
        campaignId: lead.campaignId,
        version: after.version,
      },
      { caller: actor, employeeId: null },
    );
  }

  /** Sales refused the attempt for good: record why, back to `qualified` (it never left it), log and publish. */
  private async fail(m: EntityManager, lead: LeadEntity, refusal: CrmError): Promise<void> {
    const now = new Date();
    const actor = this.system.caller;
    const error = conversionError(refusal);
    const version = lead.version + 1;
    await this.leads.update(m, lead.id, { conversionStatus: 'failed', conversionError: error, version, updatedBy: actor, updatedAt: now });
    await this.leads.insertHistory(m, { leadId: lead.id, action: 'convert-failed', actor, at: now, details: { error } });
    this.log.warn({
      msg: 'sales refused a lead conversion; the lead is qualified again',
      leadId: lead.id,
      code: error.code,
      err: error.message,
    });
    await this.changes.record(m, this.system, {
      entity: 'lead',
      entityId: lead.id,
      action: 'convert-failed',
      before: { conversionStatus: lead.conversionStatus },
      after: { conversionStatus: 'failed', error },
      event: {
        pattern: LEAD_CONVERSION_FAILED_V1,
        data: { leadId: lead.id, error, ownerId: lead.ownerId, campaignId: lead.campaignId, version },
      },
    });
  }
}
