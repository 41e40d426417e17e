import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  isOpenLeadStatus,
  LEAD_ASSIGNED_V1,
  LEAD_CAPTURED_V1,
  LEAD_MERGED_V1,
  LEAD_STATUS_CHANGED_V1,
  LEAD_UPDATED_V1,
  type AssignLeadDto,
  type CaptureLeadDto,
  type CaptureLeadReply,
  type FieldError,
  type LeadHistoryDto,
  type LeadHistoryPage,
  type LeadPage,
  type LeadStatus,
  type LeadView,
  type ListLeadsDto,
  type MergeLeadsDto,
  type TransitionLeadDto,
  type UpdateLeadDto,
} from '@crm/contracts';
import { ChangeRecorder, type Change, type ChangeContext, type OutboxEvent } from '@crm/outbox';
import {
  BUSINESS_PAGE,
  GroupCommit,
  isDuplicateKey,
  ListCursorCodec,
  retryOnDeadlock,
  settledOk,
  timeOrderedId,
  toPage,
  type Settled,
} from '@crm/persistence';
import { actingEmployee, holds, type CallContext } from '@crm/security';
import { AssignmentService, type Assignment } from '../assignment/assignment.service.js';
import { RuleStampRepository } from '../scoring/rule-stamp.repository.js';
import { MARKETING_CONFIG, type MarketingConfig } from '../marketing.config.js';
import { ScoringService } from '../scoring/scoring.service.js';
import type { Score, TouchCount } from '../scoring/scoring.engine.js';
import { normaliseEmail, normalisePhone } from './contact-normalisation.js';
import type { LeadEntity } from './lead.entity.js';
import { LEAD_SENSITIVE, toHistoryEntry, toLeadEventView, toLeadView } from './lead.mapper.js';
import { LEAD_HISTORY_LIST, LEAD_LIST, LeadRepository, type NewHistory, type NewTouch } from './lead.repository.js';

/** Fields an update may change, as entity properties. */
const EDITABLE = [
  'name',
  'company',
  'phoneNorm',
  'emailNorm',
  'industryCode',
  'regionCode',
  'segment',
  'companySize',
  'attributes',
] as const;
type Editable = (typeof EDITABLE)[number];
/** Their names on the wire (history, events, operation log). */
const WIRE: Record<Editable, string> = {
  name: 'name',
  company: 'company',
  phoneNorm: 'phone',
  emailNorm: 'email',
  industryCode: 'industryCode',
  regionCode: 'regionCode',
  segment: 'segment',
  companySize: 'companySize',
  attributes: 'attributes',
};

/** Status moves a transition may make (`converted` only by the conversion into sales). */
export const ALLOWED_TRANSITIONS: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['working', 'nurturing', 'qualified', 'disqualified'],
  working: ['nurturing', 'qualified', 'disqualified'],
  nurturing: ['working', 'qualified', 'disqualified'],
  qualified: ['working', 'nurturing', 'disqualified'],
  disqualified: ['working'],
  converted: [],
};

/** How many times a capture that lost a dedupe race (duplicate key) is run again: it then finds the winner. */
const CAPTURE_ATTEMPTS = 4;

/** Captures written in one transaction at most (group commit): about one prefetch window. */
const CAPTURE_BATCH = 64;

/** A capture waiting for its batch, its contact normalised. */
interface CaptureItem {
  dto: CaptureLeadDto;
  ctx: CallContext;
  phone: string | null;
  email: string | null;
}

interface Contact {
  phone: string | null | undefined;
  email: string | null | undefined;
}

/**
 * Leads. A capture either creates a lead or, when an open lead holds the same normalised phone or
 * e-mail, adds a touch to it; which one is decided by the database's unique keys on the open
 * contact columns, never by an application lock, so two replicas capturing the same new lead at
 * the same moment keep one lead (the loser's insert fails on the key and its retry finds the
 * winner). Every change records its operation-log entry, its history entry and its event in its
 * own transaction; reads see only leads in the employee's data scope, personal fields masked
 * without `customer.pii.read` (an unmasked read is logged).
 */
@Injectable()
export class LeadService implements OnApplicationShutdown {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(LeadRepository) private readonly leads: LeadRepository,
    @Inject(ScoringService) private readonly scoring: ScoringService,
    @Inject(AssignmentService) private readonly assignment: AssignmentService,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
    @Inject(RuleStampRepository) private readonly ruleStamps: RuleStampRepository,
    @Inject(MARKETING_CONFIG) config: Pick<MarketingConfig, 'captureBatchesInFlight'>,
  ) {
    this.captures = new GroupCommit(this.dataSource, (m, items) => this.writeCaptures(m, items), {
      maxBatch: CAPTURE_BATCH,
      // Batches in flight at once meet in the database as two replicas' captures do, and are as
      // safe: the unique keys decide a dedupe race, the locking read orders touches of a lead.
      inFlight: config.captureBatchesInFlight,
      // READ COMMITTED: the locking read of contacts no lead holds yet takes no gap locks (new
      // phones next to each other would otherwise make concurrent batches' INSERTs deadlock), and
      // the touch counts read after the lock see the touches the lock waited for.
      isolation: 'READ COMMITTED',
    });
  }

  private readonly captures: GroupCommit<CaptureItem, CaptureLeadReply>;

  onApplicationShutdown(): void {
    this.captures.close();
  }

  async capture(dto: CaptureLeadDto, ctx: CallContext): Promise<CaptureLeadReply> {
    const contact = normaliseContact(dto);
    const item: CaptureItem = { dto, ctx, phone: contact.phone ?? null, email: contact.email ?? null };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.captures.submit(item);
      } catch (error) {
        if (attempt < CAPTURE_ATTEMPTS && isDuplicateKey(error)) continue;
        throw error;
      }
    }
  }

  /**
   * A batch of captures in one transaction (group commit), each decided as if the captures ran one
   * after another: the open leads holding any of the batch's phones or e-mails are read and locked
   * at once; a capture whose phone (else e-mail) an open lead holds — or a lead created earlier in
   * the batch — becomes a touch on it, any other creates a lead, scored and assigned. Then one
   * INSERT each for the new leads, the touches, the history and the outbox rows (entries, captured
   * and assigned events together), and one UPDATE for the touched leads.
   */
  private async writeCaptures(m: EntityManager, items: readonly CaptureItem[]): Promise<Settled<CaptureLeadReply>[]> {
    const now = new Date();
    // The rules this process keeps, checked against their stamps (a change committed on any replica
    // is seen), read on another connection beside the locking dedupe read: at READ COMMITTED the
    // transaction would read the same committed stamps, and the batch waits for one round trip, not two.
    const [stamps, held] = await Promise.all([
      this.ruleStamps.read(this.dataSource.manager),
      this.leads.lockOpenByContacts(
        m,
        [...new Set(items.map((i) => i.phone).filter((p): p is string => p !== null))],
        [...new Set(items.map((i) => i.email).filter((e): e is string => e !== null))],
      ),
    ]);
    const rules = await this.scoring.currentAt(stamps.scoring, m);
    const countsTouches = ScoringService.countsTouches(rules);
    const byPhone = new Map(held.filter((l) => l.phoneNorm !== null).map((l) => [l.phoneNorm!, l]));
    const byEmail = new Map(held.filter((l) => l.emailNorm !== null).map((l) => [l.emailNorm!, l]));
    const holderOf = (i: CaptureItem) =>
      (i.phone !== null ? byPhone.get(i.phone) : undefined) ?? (i.email !== null ? byEmail.get(i.email) : undefined);

    // Owners for the captures that will create leads, in order (a lead created earlier in the batch
    // turns later captures of its contact into touches, so decide that first).
    const creating: CaptureItem[] = [];
    const claimed = new Set<string>();
    for (const i of items) {
      const taken =
        (i.phone !== null && (byPhone.has(i.phone) || claimed.has(`p:${i.phone}`))) ||
        (i.email !== null && (byEmail.has(i.email) || claimed.has(`e:${i.email}`)));
      if (taken) continue;
      creating.push(i);
      if (i.phone !== null) claimed.add(`p:${i.phone}`);
      if (i.email !== null) claimed.add(`e:${i.email}`);
    }
    const assignmentOf = new Map(creating.map((i, k) => [i, k]));
    // Side by side: the touch counts are read in this transaction, the owners are chosen on another
    // connection (round-robin turns autocommit), so the batch waits for one round trip, not two.
    const [touchCounts, assignments] = await Promise.all([
      countsTouches
        ? this.leads.touchCountsOf(
            m,
            held.map((l) => l.id),
          )
        : new Map<string, TouchCount[]>(),
      this.assignment.chooseMany(
        creating.map((i) => subjectOf(i.dto)),
        stamps.assignment,
      ),
    ]);

    const created: LeadEntity[] = [];
    const touched = new Map<string, LeadEntity>(); // existing leads, by id
    const touches: NewTouch[] = [];
    const history: NewHistory[] = [];
    const changes: { context: ChangeContext; change: Change }[] = [];
    const assignedEvents: OutboxEvent[] = [];
    const outcomes = items.map((item): Settled<CaptureLeadReply> => {
      const { dto, ctx } = item;
      const actor = actorOf(ctx);
      const campaignId = dto.campaignId ?? null;
      const touch = (leadId: string) => touches.push({ leadId, campaignId, kind: 'capture', source: dto.source, occurredAt: now });
      const holder = holderOf(item);
      if (holder) {
        touch(holder.id);
        const counts = addTouch(touchCounts.get(holder.id) ?? [], campaignId);
        touchCounts.set(holder.id, counts);
        const before = { touches: holder.touches, score: holder.score };
        const score = this.scoring.score(holder, countsTouches ? counts : [], rules);
        // Touches and scores are derived, not edits: no version bump, so an edit in flight does not conflict with them.
        Object.assign(holder, {
          touches: holder.touches + 1,
          lastTouchAt: now,
          score: score.score,
          scoreReasons: score.reasons,
          updatedAt: now,
        });
        if (!created.includes(holder)) touched.set(holder.id, holder);
        history.push({
          leadId: holder.id,
          action: 'touched',
          actor,
          at: now,
          details: { source: dto.source, campaignId, score: { old: before.score, new: holder.score } },
        });
        changes.push({
          context: ctx,
          change: {
            entity: 'lead',
            entityId: holder.id,
            action: 'touch',
            before,
            after: { touches: holder.touches, score: holder.score, source: dto.source, campaignId },
            event: {
              pattern: LEAD_CAPTURED_V1,
              data: {
                leadId: holder.id,
                duplicate: true,
                source: dto.source,
                campaignId,
                touchedAt: now.toISOString(),
                lead: toLeadEventView(holder),
              },
            },
          },
        });
        return settledOk({ leadId: holder.id, status: holder.status, score: holder.score, ownerId: holder.ownerId, duplicate: true });
      }
      const assigned = assignments[assignmentOf.get(item)!] ?? null;
      const counts: TouchCount[] = [{ kind: 'capture', campaignId, count: 1 }];
      const score = this.scoring.score(subjectOf(dto), counts, rules);
      const lead = newLead(dto, item, score, assigned, actor, now);
      touch(lead.id);
      touchCounts.set(lead.id, counts);
      created.push(lead);
      if (item.phone !== null) byPhone.set(item.phone, lead);
      if (item.email !== null) byEmail.set(item.email, lead);
      history.push({
        leadId: lead.id,
        action: 'captured',
        actor,
        at: now,
        details: { source: dto.source, campaignId, score: lead.score, ownerId: lead.ownerId, ...assignedBy(assigned) },
      });
      changes.push({
        context: ctx,
        change: {
          entity: 'lead',
          entityId: lead.id,
          action: 'capture',
          before: null,
          after: { ...editable(lead), source: lead.source, campaignId, score: lead.score, ownerId: lead.ownerId, ...assignedBy(assigned) },
          event: {
            pattern: LEAD_CAPTURED_V1,
            data: {
              leadId: lead.id,
              duplicate: false,
              source: dto.source,
              campaignId,
              touchedAt: now.toISOString(),
              lead: toLeadEventView(lead),
            },
          },
        },
      });
      if (assigned)
        assignedEvents.push({
          pattern: LEAD_ASSIGNED_V1,
          data: {
            leadId: lead.id,
            ownerId: assigned.ownerId,
            previousOwnerId: null,
            by: 'rule',
            ruleId: assigned.ruleId,
            strategy: assigned.strategy,
            reason: null,
            version: 1,
          },
          options: { caller: ctx.caller, employeeId: ctx.employeeId },
        });
      return settledOk({ leadId: lead.id, status: lead.status, score: lead.score, ownerId: lead.ownerId, duplicate: false });
    });
    await this.leads.insertMany(m, created); // with the touches later captures of the batch added
    await this.leads.saveTouches(m, [...touched.values()]);
    await this.leads.insertTouches(m, touches);
    await this.leads.insertHistories(m, history);
    await this.changes.recordEach(m, changes, assignedEvents);
    return outcomes;
  }

  async get(leadId: string, ctx: CallContext): Promise<LeadView> {
    return this.dataSource.transaction(async (m) => {
      const l = await this.leads.find(leadId, ctx.scope, m);
      if (!l) throw notFound(leadId);
      return (await this.shown(m, ctx, [toLeadView(l)]))[0]!;
    });
  }

  async list(q: ListLeadsDto, ctx: CallContext): Promise<LeadPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(LEAD_LIST, q.cursor);
    return this.dataSource.transaction(async (m) => {
      const page = toPage(LEAD_LIST, this.cursors, await this.leads.list(q, limit, position, ctx.scope, m), limit, toLeadView);
      return { ...page, items: await this.shown(m, ctx, page.items) };
    });
  }

  async history(q: LeadHistoryDto, ctx: CallContext): Promise<LeadHistoryPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(LEAD_HISTORY_LIST, q.cursor);
    return this.dataSource.transaction(async (m) => {
      if (!(await this.leads.find(q.leadId, ctx.scope, m))) throw notFound(q.leadId);
      const showPii = holds(ctx, 'customer.pii.read');
      const page = toPage(LEAD_HISTORY_LIST, this.cursors, await this.leads.history(q.leadId, limit, position, m), limit, (h) =>
        toHistoryEntry(h, showPii),
      );
      const revealed =
        showPii &&
        page.items.some((e) => Array.isArray(e.details.changes) && JSON.stringify(e.details.changes).match(/"field":"(phone|email)"/));
      if (revealed)
        await this.changes.record(
          m,
          { ...ctx, employeeId: actingEmployee(ctx) },
          {
            entity: 'lead',
            entityId: q.leadId,
            action: 'read-unmasked',
            before: null,
            after: { leadIds: [q.leadId], fields: ['history'] },
          },
        );
      return page;
    });
  }

  async update(dto: UpdateLeadDto, ctx: CallContext): Promise<LeadView> {
    const employeeId = actingEmployee(ctx);
    const contact = normaliseContact(dto);
    try {
      return await this.dataSource.transaction(async (m) => {
        const before = await this.lockedForChange(m, dto.leadId, dto.version, ctx);
        const wanted: Partial<Pick<LeadEntity, Editable>> = {
          name: dto.name?.trim(),
          company: dto.company === undefined ? undefined : dto.company.trim() || null,
          phoneNorm: contact.phone,
          emailNorm: contact.email,
          industryCode: dto.industryCode,
          regionCode: dto.regionCode,
          segment: dto.segment,
          companySize: dto.companySize,
          attributes: dto.attributes,
        };
        const patch: Partial<LeadEntity> = {};
        for (const f of EDITABLE)
          if (wanted[f] !== undefined && !same(wanted[f], before[f])) (patch as Record<string, unknown>)[f] = wanted[f];
        if (Object.keys(patch).length === 0) return (await this.shown(m, ctx, [toLeadView(before)]))[0]!;
        const now = new Date();
        const draft: LeadEntity = { ...before, ...patch };
        const score = isOpenLeadStatus(before.status)
          ? await this.rescore(m, draft)
          : { score: before.score, reasons: before.scoreReasons ?? [] };
        const after: LeadEntity = {
          ...draft,
          score: score.score,
          scoreReasons: score.reasons,
          version: before.version + 1,
          updatedBy: employeeId,
          updatedAt: now,
        };
        await this.leads.update(m, after.id, {
          ...patch,
          score: after.score,
          scoreReasons: after.scoreReasons,
          version: after.version,
          updatedBy: employeeId,
          updatedAt: now,
        });
        const changedFields = Object.keys(patch).map((f) => WIRE[f as Editable]);
        await this.leads.insertHistory(m, {
          leadId: after.id,
          action: 'updated',
          actor: employeeId,
          at: now,
          details: {
            changes: Object.keys(patch).map((f) => ({ field: WIRE[f as Editable], old: before[f as Editable], new: after[f as Editable] })),
            score: { old: before.score, new: after.score },
          },
        });
        await this.changes.record(m, ctx, {
          entity: 'lead',
          entityId: after.id,
          action: 'update',
          before: { ...editable(before), score: before.score },
          after: { ...editable(after), score: after.score },
          event: { pattern: LEAD_UPDATED_V1, data: { ...toLeadEventView(after), changedFields } },
        });
        return (await this.shown(m, ctx, [toLeadView(after)]))[0]!;
      });
    } catch (error) {
      throw await this.contactTaken(error, contact.phone ?? null, contact.email ?? null, dto.leadId);
    }
  }

  async transition(dto: TransitionLeadDto, ctx: CallContext): Promise<LeadView> {
    const employeeId = actingEmployee(ctx);
    if (dto.status === 'disqualified' && !dto.reason?.trim())
      throw invalid([{ field: 'reason', reasons: ['a reason is required to disqualify a lead'] }]);
    let contact: { phone: string | null; email: string | null } = { phone: null, email: null };
    try {
      return await this.dataSource.transaction(async (m) => {
        const before = await this.lockedForChange(m, dto.leadId, dto.version, ctx);
        contact = { phone: before.phoneNorm, email: before.emailNorm };
        const allowed = ALLOWED_TRANSITIONS[before.status];
        if (!allowed.includes(dto.status)) {
          const which = allowed.length ? allowed.join(', ') : 'none';
          throw new CrmError(ErrorCode.Conflict, `a ${before.status} lead cannot become ${dto.status}; allowed: ${which}`, [
            { field: 'status', reasons: [`allowed from ${before.status}: ${which}`] },
          ]);
        }
        const now = new Date();
        const reopened = !isOpenLeadStatus(before.status);
        // A lead was not re-scored while closed: a re-opened one is scored under today's rules.
        const score = reopened ? await this.rescore(m, before) : { score: before.score, reasons: before.scoreReasons ?? [] };
        const after: LeadEntity = {
          ...before,
          status: dto.status,
          statusReason: dto.reason?.trim() ?? null,
          score: score.score,
          scoreReasons: score.reasons,
          version: before.version + 1,
          updatedBy: employeeId,
          updatedAt: now,
        };
        await this.leads.update(m, after.id, {
          status: after.status,
          statusReason: after.statusReason,
          score: after.score,
          scoreReasons: after.scoreReasons,
          version: after.version,
          updatedBy: employeeId,
          updatedAt: now,
        });
        await this.statusChanged(m, ctx, before, after, now);
        return (await this.shown(m, ctx, [toLeadView(after)]))[0]!;
      });
    } catch (error) {
      throw await this.contactTaken(error, contact.phone, contact.email, dto.leadId);
    }
  }

  async assign(dto: AssignLeadDto, ctx: CallContext): Promise<LeadView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const before = await this.lockedForChange(m, dto.leadId, dto.version, ctx);
      if (!isOpenLeadStatus(before.status))
        throw new CrmError(ErrorCode.Conflict, `a ${before.status} lead cannot be reassigned`, [
          { field: 'leadId', reasons: [`the lead is ${before.status}`] },
        ]);
      if (before.ownerId === dto.ownerId) return (await this.shown(m, ctx, [toLeadView(before)]))[0]!;
      const now = new Date();
      const after: LeadEntity = { ...before, ownerId: dto.ownerId, version: before.version + 1, updatedBy: employeeId, updatedAt: now };
      await this.leads.update(m, after.id, { ownerId: after.ownerId, version: after.version, updatedBy: employeeId, updatedAt: now });
      const reason = dto.reason?.trim() ?? null;
      await this.leads.insertHistory(m, {
        leadId: after.id,
        action: 'assigned',
        actor: employeeId,
        at: now,
        details: { changes: [{ field: 'ownerId', old: before.ownerId, new: after.ownerId }], by: 'manual', reason },
      });
      await this.changes.record(m, ctx, {
        entity: 'lead',
        entityId: after.id,
        action: 'assign',
        before: { ownerId: before.ownerId },
        after: { ownerId: after.ownerId, reason },
        event: {
          pattern: LEAD_ASSIGNED_V1,
          data: {
            leadId: after.id,
            ownerId: after.ownerId,
            previousOwnerId: before.ownerId,
            by: 'manual',
            ruleId: null,
            strategy: null,
            reason,
            version: after.version,
          },
        },
      });
      return (await this.shown(m, ctx, [toLeadView(after)]))[0]!;
    });
  }

  async merge(dto: MergeLeadsDto, ctx: CallContext): Promise<LeadView> {
    const employeeId = actingEmployee(ctx);
    if (dto.duplicateIds.includes(dto.leadId))
      throw invalid([{ field: 'duplicateIds', reasons: ['duplicateIds must not contain the surviving leadId'] }]);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const rows = await this.leads.lockMany(m, [dto.leadId, ...dto.duplicateIds], ctx.scope);
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const id of [dto.leadId, ...dto.duplicateIds]) if (!byId.has(id)) throw notFound(id);
        const survivor = byId.get(dto.leadId)!;
        checkVersion(survivor, dto.version);
        if (!isOpenLeadStatus(survivor.status))
          throw conflict(`the surviving lead is ${survivor.status}; only an open lead can absorb others`, 'leadId');
        const duplicates = dto.duplicateIds.map((id) => byId.get(id)!);
        for (const l of [survivor, ...duplicates])
          if (l.conversionStatus === 'converting')
            throw conflict(`lead ${l.id} is being converted into sales`, l === survivor ? 'leadId' : 'duplicateIds');
        for (const d of duplicates) {
          if (d.mergedIntoId) throw conflict(`lead ${d.id} was already merged into ${d.mergedIntoId}`, 'duplicateIds');
          if (d.status === 'converted') throw conflict(`lead ${d.id} is converted and cannot be merged`, 'duplicateIds');
        }
        const now = new Date();
        // Duplicates first: closing them frees their open phone/e-mail for the survivor to take.
        for (const d of duplicates) {
          const closed: LeadEntity = {
            ...d,
            status: 'disqualified',
            statusReason: `merged into ${survivor.id}`,
            mergedIntoId: survivor.id,
            version: d.version + 1,
            updatedBy: employeeId,
            updatedAt: now,
          };
          await this.leads.update(m, d.id, {
            status: closed.status,
            statusReason: closed.statusReason,
            mergedIntoId: closed.mergedIntoId,
            version: closed.version,
            updatedBy: employeeId,
            updatedAt: now,
          });
          byId.set(d.id, closed);
        }
        const moved = await this.leads.moveToSurvivor(m, survivor.id, dto.duplicateIds);
        const filled: Partial<LeadEntity> = {};
        for (const f of [
          'company',
          'phoneNorm',
          'emailNorm',
          'industryCode',
          'regionCode',
          'segment',
          'companySize',
          'campaignId',
          'ownerId',
        ] as const) {
          if (survivor[f] !== null) continue;
          const from = duplicates.find((d) => d[f] !== null);
          if (from) (filled as Record<string, unknown>)[f] = from[f];
        }
        const attributes = Object.assign({}, ...duplicates.map((d) => d.attributes ?? {}).reverse(), survivor.attributes ?? {});
        if (!same(attributes, survivor.attributes ?? {})) filled.attributes = attributes;
        const draft: LeadEntity = {
          ...survivor,
          ...filled,
          touches: survivor.touches + duplicates.reduce((n, d) => n + d.touches, 0),
          lastTouchAt: latest([survivor.lastTouchAt, ...duplicates.map((d) => d.lastTouchAt)]),
        };
        const score = await this.rescore(m, draft);
        const after: LeadEntity = {
          ...draft,
          score: score.score,
          scoreReasons: score.reasons,
          version: survivor.version + 1,
          updatedBy: employeeId,
          updatedAt: now,
        };
        await this.leads.update(m, after.id, {
          ...filled,
          touches: after.touches,
          lastTouchAt: after.lastTouchAt,
          score: after.score,
          scoreReasons: after.scoreReasons,
          version: after.version,
          updatedBy: employeeId,
          updatedAt: now,
        });
        const filledFields = Object.keys(filled).map((f) => WIRE[f as Editable] ?? f);
        await this.leads.insertHistory(m, {
          leadId: after.id,
          action: 'merged',
          actor: employeeId,
          at: now,
          details: {
            mergedIds: dto.duplicateIds,
            movedTouches: moved.touches,
            movedHistory: moved.history,
            filled: filledFields,
            score: { old: survivor.score, new: after.score },
          },
        });
        for (const d of duplicates) {
          const closed = byId.get(d.id)!;
          // Written after the move, so each duplicate keeps the entry that says where it went.
          await this.leads.insertHistory(m, {
            leadId: d.id,
            action: 'merged-into',
            actor: employeeId,
            at: now,
            details: { into: survivor.id, status: { old: d.status, new: closed.status } },
          });
          await this.changes.record(m, ctx, {
            entity: 'lead',
            entityId: d.id,
            action: 'merged-into',
            before: { status: d.status, mergedIntoId: null },
            after: { status: closed.status, mergedIntoId: survivor.id },
            event: {
              pattern: LEAD_STATUS_CHANGED_V1,
              data: {
                leadId: d.id,
                from: d.status,
                to: closed.status,
                reason: closed.statusReason,
                ownerId: closed.ownerId,
                campaignId: closed.campaignId,
                version: closed.version,
              },
            },
          });
        }
        await this.changes.record(m, ctx, {
          entity: 'lead',
          entityId: after.id,
          action: 'merge',
          before: { ...editable(survivor), touches: survivor.touches, score: survivor.score, ownerId: survivor.ownerId },
          after: { ...editable(after), touches: after.touches, score: after.score, ownerId: after.ownerId, mergedIds: dto.duplicateIds },
          event: {
            pattern: LEAD_MERGED_V1,
            data: {
              leadId: after.id,
              mergedIds: dto.duplicateIds,
              movedTouches: moved.touches,
              movedHistory: moved.history,
              lead: toLeadEventView(after),
            },
          },
        });
        return (await this.shown(m, ctx, [toLeadView(after)]))[0]!;
      }),
    );
  }

  /** The lead locked for a change within the scope, at `version`, not merged away. */
  private async lockedForChange(m: EntityManager, id: string, version: number, ctx: CallContext): Promise<LeadEntity> {
    const lead = await this.leads.find(id, ctx.scope, m, true);
    if (!lead) throw notFound(id);
    checkVersion(lead, version);
    if (lead.mergedIntoId) throw conflict(`lead ${id} was merged into ${lead.mergedIntoId}; change that lead instead`, 'leadId');
    if (lead.conversionStatus === 'converting')
      throw conflict(`lead ${id} is being converted into sales; wait for the conversion`, 'leadId');
    return lead;
  }

  private async statusChanged(m: EntityManager, ctx: CallContext, before: LeadEntity, after: LeadEntity, now: Date): Promise<void> {
    await this.leads.insertHistory(m, {
      leadId: after.id,
      action: 'status-changed',
      actor: actorOf(ctx),
      at: now,
      details: { changes: [{ field: 'status', old: before.status, new: after.status }], reason: after.statusReason },
    });
    await this.changes.record(m, ctx, {
      entity: 'lead',
      entityId: after.id,
      action: 'transition',
      before: { status: before.status, statusReason: before.statusReason },
      after: { status: after.status, statusReason: after.statusReason },
      event: {
        pattern: LEAD_STATUS_CHANGED_V1,
        data: {
          leadId: after.id,
          from: before.status,
          to: after.status,
          reason: after.statusReason,
          ownerId: after.ownerId,
          campaignId: after.campaignId,
          version: after.version,
        },
      },
    });
  }

  /** The lead's score under the rules in force, with its touches as they are in `m`. */
  private async rescore(m: EntityManager, lead: LeadEntity) {
    const rules = await this.scoring.current(m);
    const touches: TouchCount[] = ScoringService.countsTouches(rules) ? await this.leads.touchCounts(m, lead.id) : [];
    return this.scoring.score(lead, touches, rules);
  }

  /** A duplicate-key failure of an edit as the 4090 naming the open lead that holds the phone or e-mail. */
  private async contactTaken(error: unknown, phone: string | null, email: string | null, leadId: string): Promise<unknown> {
    if (!isDuplicateKey(error)) return error;
    const holders = await this.leads.openHolders(phone, email, leadId);
    const details: FieldError[] = [];
    if (holders.phone) details.push({ field: 'phone', reasons: [`open lead ${holders.phone} has this phone; merge the leads instead`] });
    if (holders.email) details.push({ field: 'email', reasons: [`open lead ${holders.email} has this e-mail; merge the leads instead`] });
    const who = [holders.phone, holders.email].filter((x): x is string => x !== null);
    return new CrmError(
      ErrorCode.Conflict,
      `another open lead (${[...new Set(who)].join(', ') || 'just created'}) has this phone or e-mail`,
      details,
    );
  }

  /**
   * The views as this employee may see them; personal fields shown unmasked are recorded in the
   * operation log in the read's own transaction (ids and fields, never values).
   */
  private async shown(m: EntityManager, ctx: CallContext, views: LeadView[]): Promise<LeadView[]> {
    const { items, revealed } = LEAD_SENSITIVE.protect(views, ctx.permissions);
    if (revealed.ids.length) {
      const entityId = revealed.ids.length === 1 ? revealed.ids[0]! : `${revealed.ids.length} leads`;
      await this.changes.record(
        m,
        { ...ctx, employeeId: actingEmployee(ctx) },
        { entity: 'lead', entityId, action: 'read-unmasked', before: null, after: { leadIds: revealed.ids, fields: revealed.fields } },
      );
    }
    return items;
  }
}

/** Phone and e-mail as compared; a phone that is not a mainland number is 4220 on `phone`. "" clears. */
export function normaliseContact(dto: { phone?: string; email?: string }): Contact {
  let phone: string | null | undefined;
  if (dto.phone !== undefined) {
    if (dto.phone.trim() === '') phone = null;
    else {
      const r = normalisePhone(dto.phone);
      if (!r.ok) throw invalid([{ field: 'phone', reasons: [r.reason] }]);
      phone = r.value;
    }
  }
  const email = dto.email === undefined ? undefined : normaliseEmail(dto.email) || null;
  return { phone, email };
}

function actorOf(ctx: CallContext): string {
  return ctx.employeeId ?? ctx.caller;
}

function assignedBy(a: Assignment | null): Record<string, unknown> {
  return a ? { assignedByRule: a.ruleId, strategy: a.strategy } : {};
}

function editable(l: LeadEntity): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.map((f) => [WIRE[f], l[f]]));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function latest(dates: Array<Date | null>): Date | null {
  return dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null);
}

function checkVersion(lead: LeadEntity, version: number): void {
  if (lead.version !== version)
    throw new CrmError(ErrorCode.Conflict, `lead ${lead.id} is at version ${lead.version}, not ${version}`, [
      { field: 'version', reasons: [`current version is ${lead.version}`] },
    ]);
}

function notFound(id: string): CrmError {
  return new CrmError(ErrorCode.NotFound, `lead ${id} not found`);
}

function conflict(message: string, field: string): CrmError {
  return new CrmError(ErrorCode.Conflict, message, [{ field, reasons: [message] }]);
}

function invalid(details: FieldError[]): CrmError {
  return new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', details);
}

/** What scoring and assignment look at in a capture. */
function subjectOf(dto: CaptureLeadDto) {
  return {
    industryCode: dto.industryCode ?? null,
    regionCode: dto.regionCode ?? null,
    segment: dto.segment ?? null,
    companySize: dto.companySize ?? null,
    source: dto.source,
    attributes: dto.attributes ?? null,
  };
}

/** The touch counts with one more capture touch of `campaignId`. */
function addTouch(counts: readonly TouchCount[], campaignId: string | null): TouchCount[] {
  const i = counts.findIndex((c) => c.kind === 'capture' && c.campaignId === campaignId);
  if (i < 0) return [...counts, { kind: 'capture', campaignId, count: 1 }];
  return counts.map((c, k) => (k === i ? { ...c, count: c.count + 1 } : c));
}

function newLead(
  dto: CaptureLeadDto,
  contact: Pick<CaptureItem, 'phone' | 'email'>,
  score: Score,
  assigned: Assignment | null,
  actor: string,
  now: Date,
): LeadEntity {
  return {
    // Time-ordered (UUID v7): a new lead is appended at the end of the clustered index and of the
    // secondary keys that end in the id, not written to a random page of a table larger than the buffer pool.
    id: timeOrderedId(),
    name: dto.name.trim(),
    company: dto.company?.trim() || null,
    phoneNorm: contact.phone,
    emailNorm: contact.email,
    ...subjectOf(dto),
    campaignId: dto.campaignId ?? null,
    status: 'new',
    statusReason: null,
    score: score.score,
    scoreReasons: score.reasons,
    ownerId: assigned?.ownerId ?? null,
    mergedIntoId: null,
    convertedAt: null,
    accountId: null,
    contactId: null,
    opportunityId: null,
    conversionStatus: null,
    conversionError: null,
    conversionCallId: null,
    touches: 1,
    lastTouchAt: now,
    version: 1,
    createdBy: actor,
    updatedBy: actor,
    createdAt: now,
    updatedAt: now,
  };
}
