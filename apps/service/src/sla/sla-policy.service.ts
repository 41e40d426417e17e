import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  SERVICE_SLA_POLICY_CHANGED_V1,
  SLA_PRIORITIES,
  type CreateSlaPolicyDto,
  type FieldError,
  type ListSlaPoliciesDto,
  type SlaPolicyPage,
  type SlaPolicyView,
  type SlaTargetsDto,
  type UpdateSlaPolicyDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, isDuplicateKey, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { CalendarRepository } from './calendar.repository.js';
import { stale } from './calendar.service.js';
import { durationMs } from './iso-duration.js';
import { SLA_POLICY_LIST, SlaPolicyRepository, type PolicyTargets, type SlaPolicyRow } from './sla-policy.repository.js';

/**
 * SLA policies: response and resolution targets per priority on a business calendar, chosen for a
 * case by its entitlement, its customer tier, or as the default. Exactly one policy is the default
 * (setting another takes the flag over). Every change records its operation-log entry and
 * `service.sla-policy.changed.v1` in its own transaction.
 */
@Injectable()
export class SlaPolicyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(SlaPolicyRepository) private readonly policies: SlaPolicyRepository,
    @Inject(CalendarRepository) private readonly calendars: CalendarRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateSlaPolicyDto, ctx: CallContext): Promise<SlaPolicyView> {
    const employeeId = actingEmployee(ctx);
    const name = dto.name.trim();
    const targets = checkTargets(dto.targets);
    const tiers = [...new Set(dto.tiers ?? [])].sort();
    try {
      return await this.dataSource.transaction(async (m) => {
        await this.checkCalendar(m, dto.calendarId);
        await this.checkTiers(m, tiers, null);
        const after = await this.policies.insert(m, {
          id: randomUUID(),
          name,
          isDefault: dto.isDefault ?? false,
          tiers,
          calendarId: dto.calendarId,
          warningPercent: dto.warningPercent ?? null,
          targets,
          createdBy: employeeId,
        });
        await this.record(m, ctx, 'create', null, after);
        return toSlaPolicyView(after);
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw nameTaken(name);
      throw err;
    }
  }

  async update(dto: UpdateSlaPolicyDto, ctx: CallContext): Promise<SlaPolicyView> {
    const employeeId = actingEmployee(ctx);
    const name = dto.name?.trim();
    try {
      return await this.dataSource.transaction(async (m) => {
        const before = await this.policies.find(dto.slaPolicyId, m, true);
        if (!before) throw notFound(dto.slaPolicyId);
        if (before.version !== dto.version) throw stale('sla-policy', dto.slaPolicyId, before.version);
        if (before.isDefault && dto.isDefault === false)
          throw invalid('isDefault', 'a default policy must remain: make another policy the default');
        const next = {
          name: name ?? before.name,
          isDefault: dto.isDefault ?? before.isDefault,
          tiers: dto.tiers ? [...new Set(dto.tiers)].sort() : before.tiers,
          calendarId: dto.calendarId ?? before.calendarId,
          warningPercent: dto.warningPercent === undefined ? before.warningPercent : dto.warningPercent,
          targets: dto.targets ? checkTargets(dto.targets) : before.targets,
        };
        if (JSON.stringify(fields({ ...before, ...next })) === JSON.stringify(fields(before))) return toSlaPolicyView(before);
        if (next.calendarId !== before.calendarId) await this.checkCalendar(m, next.calendarId);
        await this.checkTiers(m, next.tiers, before.id);
        const after = await this.policies.update(m, before.id, { ...next, version: before.version + 1, updatedBy: employeeId });
        await this.record(m, ctx, 'update', before, after);
        return toSlaPolicyView(after);
      });
    } catch (err) {
      if (isDuplicateKey(err) && name !== undefined) throw nameTaken(name);
      throw err;
    }
  }

  async get(slaPolicyId: string): Promise<SlaPolicyView> {
    const p = await this.policies.find(slaPolicyId);
    if (!p) throw notFound(slaPolicyId);
    return toSlaPolicyView(p);
  }

  async list(q: ListSlaPoliciesDto): Promise<SlaPolicyPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(SLA_POLICY_LIST, q.cursor);
    return toPage(SLA_POLICY_LIST, this.cursors, await this.policies.list(limit, position), limit, toSlaPolicyView);
  }

  private async checkCalendar(m: EntityManager, calendarId: string): Promise<void> {
    if (!(await this.calendars.find(calendarId, m))) throw invalid('calendarId', `calendar ${calendarId} does not exist`);
  }

  /** A tier is served by one policy: naming a tier another policy holds is a 4090 naming it. */
  private async checkTiers(m: EntityManager, tiers: string[], self: string | null): Promise<void> {
    const taken = (await this.policies.tierHolders(m, tiers)).filter((h) => h.policyId !== self);
    if (taken.length)
      throw new CrmError(
        ErrorCode.Conflict,
        `tier ${taken[0]!.tier} is served by SLA policy ${taken[0]!.policyId}`,
        taken.map((t) => ({ field: 'tiers', reasons: [`${t.tier} is served by SLA policy ${t.policyId}`] })),
      );
  }

  private async record(
    m: EntityManager,
    ctx: CallContext,
    action: string,
    before: SlaPolicyRow | null,
    after: SlaPolicyRow,
  ): Promise<void> {
    await this.changes.record(m, ctx, {
      entity: 'sla-policy',
      entityId: after.id,
      action,
      before: before && fields(before),
      after: fields(after),
      event: { pattern: SERVICE_SLA_POLICY_CHANGED_V1, data: toSlaPolicyView(after) },
    });
  }
}

/** Every target a positive ISO-8601 duration (the DTO checked the form; zero is refused here). */
export function checkTargets(t: SlaTargetsDto): PolicyTargets {
  const errors: FieldError[] = [];
  for (const p of SLA_PRIORITIES)
    for (const kind of ['response', 'resolution'] as const)
      if (durationMs(t[p][kind]) === null)
        errors.push({ field: `targets.${p}.${kind}`, reasons: ['must be a positive ISO-8601 duration such as PT4H'] });
  if (errors.length) throw new CrmError(ErrorCode.ValidationFailed, 'invalid SLA targets', errors);
  return Object.fromEntries(SLA_PRIORITIES.map((p) => [p, { response: t[p].response, resolution: t[p].resolution }])) as PolicyTargets;
}

export function toSlaPolicyView(p: SlaPolicyRow): SlaPolicyView {
  return {
    slaPolicyId: p.id,
    name: p.name,
    isDefault: p.isDefault,
    tiers: [...p.tiers],
    calendarId: p.calendarId,
    warningPercent: p.warningPercent,
    targets: p.targets,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function fields(
  p: Pick<SlaPolicyRow, 'name' | 'isDefault' | 'tiers' | 'calendarId' | 'warningPercent' | 'targets'>,
): Record<string, unknown> {
  return {
    name: p.name,
    isDefault: p.isDefault,
    tiers: p.tiers,
    calendarId: p.calendarId,
    warningPercent: p.warningPercent,
    targets: p.targets,
  };
}

function invalid(field: string, reason: string): CrmError {
  return new CrmError(ErrorCode.ValidationFailed, `${field}: ${reason}`, [{ field, reasons: [reason] }]);
}

function notFound(id: string): CrmError {
  return new CrmError(ErrorCode.NotFound, `SLA policy ${id} not found`);
}

function nameTaken(name: string): CrmError {
  return new CrmError(ErrorCode.Conflict, `an SLA policy named ${name} exists`);
}
