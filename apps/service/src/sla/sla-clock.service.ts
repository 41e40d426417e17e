import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SLA_PRIORITIES, type SlaPriority } from '@crm/contracts';
import { StampedCache } from '@crm/persistence';
import { EntitlementLookup } from '../asset/entitlement-lookup.js';
import { ReferenceStamps } from '../reference/reference-stamps.js';
import { SERVICE_CONFIG, type ServiceConfig } from '../service.config.js';
import type { BusinessCalendar } from './business-time.js';
import { CalendarCache } from './calendar.mapper.js';
import { CalendarRepository } from './calendar.repository.js';
import { CaseSlaRepository } from './case-sla.repository.js';
import { durationMs } from './iso-duration.js';
import { SlaClock, type CaseClockChange, type CaseClockInput, type CaseSla } from './sla-clock.js';
import { applyChange, startClock, stateAt, type ClockState, type TargetsMs } from './sla-clock-state.js';
import { choosePolicy } from './sla-policy-choice.js';
import { SlaPolicyRepository, type SlaPolicyRow } from './sla-policy.repository.js';

export const NO_SLA: CaseSla = { slaPolicyId: null, entitlementId: null, responseDueAt: null, resolutionDueAt: null, slaState: null };

export function toCaseSla(s: ClockState, now: Date): CaseSla {
  return {
    slaPolicyId: s.slaPolicyId,
    entitlementId: s.entitlementId,
    responseDueAt: s.response.dueAt,
    resolutionDueAt: s.resolution.dueAt,
    slaState: stateAt(s, now),
  };
}

/** The policy's targets for a priority in ms (an unknown priority counts as `normal`). */
export function targetsOf(policy: Pick<SlaPolicyRow, 'targets'>, priority: string): TargetsMs {
  const p: SlaPriority = (SLA_PRIORITIES as readonly string[]).includes(priority) ? (priority as SlaPriority) : 'normal';
  return { responseMs: durationMs(policy.targets[p].response)!, resolutionMs: durationMs(policy.targets[p].resolution)! };
}

const SLA_REFERENCE_TABLES = ['sla_policy', 'sla_policy_tier', 'business_calendar'] as const;

/** What clocks start and change by: every policy (with its tiers) and every calendar, built. */
interface SlaReference {
  policies: SlaPolicyRow[];
  calendars: Map<string, BusinessCalendar>;
}

/**
 * The SLA clock cases call in their own transaction (SlaModule provides it app-wide as `SlaClock`).
 * The rules are in `sla-clock-state.ts`; this class loads and saves them.
 */
@Injectable()
export class PolicySlaClock extends SlaClock {
  private readonly cache = new CalendarCache();
  /** Policies and calendars, kept while their stamps hold: a clock start reads none of them. */
  private readonly reference = new StampedCache<SlaReference>();

  constructor(
    @Inject(CaseSlaRepository) private readonly clocks: CaseSlaRepository,
    @Inject(SlaPolicyRepository) private readonly policies: SlaPolicyRepository,
    @Inject(CalendarRepository) private readonly calendars: CalendarRepository,
    @Inject(EntitlementLookup) private readonly entitlements: EntitlementLookup,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(ReferenceStamps) private readonly stamps: ReferenceStamps,
  ) {
    super();
  }

  async start(m: EntityManager, input: CaseClockInput): Promise<CaseSla> {
    // A case opened in this transaction has no clock yet; any other may have one already.
    if (!input.newCase) {
      const existing = await this.clocks.find(m, input.caseId);
      if (existing) return toCaseSla(existing, new Date());
    }
    const entitlement = input.accountId ? await this.entitlements.forAccount(m, input.accountId, input.openedAt) : null;
    const reference = await this.slaReference(m);
    const chosen = await choosePolicy(
      {
        find: async (id) => reference.policies.find((p) => p.id === id) ?? null,
        findByTier: async (tier) => reference.policies.find((p) => p.tiers.includes(tier)) ?? null,
        findDefault: async () => reference.policies.find((p) => p.isDefault) ?? null,
      },
      entitlement,
    );
    if (!chosen) return NO_SLA;
    const { policy } = chosen;
    const state = startClock(this.calendarOf(reference, policy.calendarId), {
      caseId: input.caseId,
      caseNo: input.caseNo ?? null,
      accountId: input.accountId,
      priority: input.priority,
      category: input.category,
      status: input.status ?? 'new',
      openedAt: input.openedAt,
      resolveBy: input.resolveBy,
      slaPolicyId: policy.id,
      entitlementId: entitlement?.entitlementId ?? null,
      calendarId: policy.calendarId,
      warningPercent: policy.warningPercent ?? this.config.slaWarningPercent,
      targets: targetsOf(policy, input.priority),
    });
    await this.clocks.insert(m, state);
    return toCaseSla(state, new Date());
  }

  async change(m: EntityManager, change: CaseClockChange): Promise<CaseSla> {
    const before = await this.clocks.find(m, change.caseId, true);
    if (!before) return NO_SLA;
    const reference = await this.slaReference(m);
    const policy =
      change.priority !== undefined && change.priority !== before.priority
        ? (reference.policies.find((p) => p.id === before.slaPolicyId) ?? null)
        : null;
    const after = applyChange(before, change, this.calendarOf(reference, before.calendarId), (p) => (policy ? targetsOf(policy, p) : null));
    await this.clocks.save(m, after);
    return toCaseSla(after, new Date());
  }

  async view(m: EntityManager, caseIds: string[]): Promise<Map<string, CaseSla>> {
    const now = new Date();
    return new Map((await this.clocks.findMany(m, caseIds)).map((s) => [s.caseId, toCaseSla(s, now)]));
  }

  private async slaReference(m: EntityManager): Promise<SlaReference> {
    const stamps = await Promise.all(SLA_REFERENCE_TABLES.map((t) => this.stamps.of(m, t)));
    return this.reference.get(stamps.join('|'), async () => ({
      policies: await this.policies.all(m),
      calendars: new Map((await this.calendars.all(m)).map((c) => [c.id, this.cache.of(c)])),
    }));
  }

  private calendarOf(reference: SlaReference, id: string): BusinessCalendar {
    const calendar = reference.calendars.get(id);
    if (!calendar) throw new Error(`business calendar ${id} is missing`);
    return calendar;
  }
}
