import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SLA_PRIORITIES, type SlaPriority } from '@crm/contracts';
import { EntitlementLookup } from '../asset/entitlement-lookup.js';
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

/**
 * The SLA clock cases call in their own transaction (SlaModule provides it app-wide as `SlaClock`).
 * The rules are in `sla-clock-state.ts`; this class loads and saves them.
 */
@Injectable()
export class PolicySlaClock extends SlaClock {
  private readonly cache = new CalendarCache();

  constructor(
    @Inject(CaseSlaRepository) private readonly clocks: CaseSlaRepository,
    @Inject(SlaPolicyRepository) private readonly policies: SlaPolicyRepository,
    @Inject(CalendarRepository) private readonly calendars: CalendarRepository,
    @Inject(EntitlementLookup) private readonly entitlements: EntitlementLookup,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    super();
  }

  async start(m: EntityManager, input: CaseClockInput): Promise<CaseSla> {
    const existing = await this.clocks.find(m, input.caseId);
    if (existing) return toCaseSla(existing, new Date());
    const entitlement = input.accountId ? await this.entitlements.forAccount(m, input.accountId, input.openedAt) : null;
    const chosen = await choosePolicy(
      {
        find: (id) => this.policies.find(id, m),
        findByTier: (tier) => this.policies.findByTier(tier, m),
        findDefault: () => this.policies.findDefault(m),
      },
      entitlement,
    );
    if (!chosen) return NO_SLA;
    const { policy } = chosen;
    const state = startClock(await this.calendar(m, policy.calendarId), {
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
    const policy =
      change.priority !== undefined && change.priority !== before.priority ? await this.policies.find(before.slaPolicyId, m) : null;
    const after = applyChange(before, change, await this.calendar(m, before.calendarId), (p) => (policy ? targetsOf(policy, p) : null));
    await this.clocks.save(m, after);
    return toCaseSla(after, new Date());
  }

  async view(m: EntityManager, caseIds: string[]): Promise<Map<string, CaseSla>> {
    const now = new Date();
    return new Map((await this.clocks.findMany(m, caseIds)).map((s) => [s.caseId, toCaseSla(s, now)]));
  }

  private async calendar(m: EntityManager, id: string): Promise<BusinessCalendar> {
    const row = await this.calendars.find(id, m);
    if (!row) throw new Error(`business calendar ${id} is missing`);
    return this.cache.of(row);
  }
}
