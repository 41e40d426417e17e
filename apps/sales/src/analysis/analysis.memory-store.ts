import type { EntityManager } from 'typeorm';
import { Decimal } from '@crm/contracts';
import { ALL_OWNERS, contributionsOf, cubeKeyString, isZero, zeroMeasures, type CubeRow, type OpportunityFact } from './analysis-fact.js';
import type { FeedStore } from './analysis-feed.service.js';
import type { AnalysisStore } from './analysis.service.js';
import type { CubeComparison, CubeQuery, CubeSum, QuotaSum, TeamMembership } from './analysis.repository.js';

/**
 * The analysis tables in memory, for unit tests: the same contract as `AnalysisRepository`
 * (facts, cube by delta, sums over the cube by scope, teams, quotas, verify) without a database.
 */
export class MemoryAnalysisStore implements FeedStore, AnalysisStore {
  readonly facts = new Map<string, OpportunityFact>();
  readonly cube = new Map<string, CubeRow>();
  memberships: TeamMembership[] = [];
  quotaRows: Array<{
    ownerKind: 'employee' | 'team';
    ownerId: string;
    periodStart: string;
    periodEnd: string;
    amount: string;
    currency: string;
  }> = [];

  lockFact(_m: EntityManager, id: string): Promise<OpportunityFact | null> {
    const f = this.facts.get(id);
    return Promise.resolve(f ? structuredClone(f) : null);
  }

  saveFact(_m: EntityManager, f: OpportunityFact): Promise<void> {
    this.facts.set(f.id, structuredClone(f));
    return Promise.resolve();
  }

  applyDelta(_m: EntityManager, delta: readonly CubeRow[]): Promise<void> {
    for (const d of delta) {
      const k = cubeKeyString(d);
      const cur = this.cube.get(k) ?? { ...d, ...zeroMeasures() };
      const next: CubeRow = {
        ...cur,
        oppCount: cur.oppCount + d.oppCount,
        amount: cur.amount.plus(d.amount),
        weighted: cur.weighted.plus(d.weighted),
        wonCount: cur.wonCount + d.wonCount,
        wonAmount: cur.wonAmount.plus(d.wonAmount),
        lostCount: cur.lostCount + d.lostCount,
        cycleDays: cur.cycleDays + d.cycleDays,
      };
      if (isZero(next)) this.cube.delete(k);
      else this.cube.set(k, next);
    }
    return Promise.resolve();
  }

  sumCube(q: CubeQuery): Promise<CubeSum[]> {
    const sums = new Map<string, CubeSum>();
    for (const r of this.cube.values()) {
      if (r.kind !== q.kind || r.dim !== q.dim || r.currency !== q.currency || r.month < q.fromMonth || r.month > q.toMonth) continue;
      if (q.owners !== null ? !q.owners.includes(r.ownerId) : q.groupBy === 'owner' ? r.ownerId === ALL_OWNERS : r.ownerId !== ALL_OWNERS)
        continue;
      if (q.pipelineId !== undefined && r.pipelineId !== q.pipelineId) continue;
      if (q.channel !== undefined && r.channel !== q.channel) continue;
      const key = { value: r.value, owner: r.ownerId, channel: r.channel, none: '' }[q.groupBy];
      const s = sums.get(key) ?? { key, ...zeroMeasures() };
      sums.set(key, {
        key,
        oppCount: s.oppCount + r.oppCount,
        amount: s.amount.plus(r.amount),
        weighted: s.weighted.plus(r.weighted),
        wonCount: s.wonCount + r.wonCount,
        wonAmount: s.wonAmount.plus(r.wonAmount),
        lostCount: s.lostCount + r.lostCount,
        cycleDays: s.cycleDays + r.cycleDays,
      });
    }
    return Promise.resolve([...sums.values()].sort((a, b) => (a.key < b.key ? -1 : 1)));
  }

  teams(owners: readonly string[] | null): Promise<TeamMembership[]> {
    return Promise.resolve(this.memberships.filter((t) => owners === null || owners.includes(t.employeeId)));
  }

  teamSizes(teamIds: readonly string[]): Promise<Map<string, number>> {
    const sizes = new Map<string, number>();
    for (const t of this.memberships) if (teamIds.includes(t.teamId)) sizes.set(t.teamId, (sizes.get(t.teamId) ?? 0) + 1);
    return Promise.resolve(sizes);
  }

  quotas(currency: string, from: string, to: string): Promise<QuotaSum[]> {
    const sums = new Map<string, QuotaSum>();
    for (const q of this.quotaRows) {
      if (q.currency !== currency || q.periodStart < from || q.periodEnd > to) continue;
      const k = `${q.ownerKind}|${q.ownerId}`;
      const s = sums.get(k) ?? { ownerKind: q.ownerKind, ownerId: q.ownerId, amount: new Decimal(0) };
      sums.set(k, { ...s, amount: s.amount.plus(q.amount) });
    }
    return Promise.resolve([...sums.values()]);
  }

  /** The cube recomputed from the facts (Σ contributions), compared with the kept one. */
  verify(repair: boolean): Promise<CubeComparison> {
    const recomputed = new MemoryAnalysisStore();
    for (const f of this.facts.values()) void recomputed.applyDelta({} as EntityManager, contributionsOf(f));
    const text = (r: CubeRow | undefined) =>
      r
        ? [r.oppCount, r.amount.toFixed(2), r.weighted.toFixed(4), r.wonCount, r.wonAmount.toFixed(2), r.lostCount, r.cycleDays].join(' ')
        : null;
    const samples: CubeComparison['samples'] = [];
    for (const k of new Set([...this.cube.keys(), ...recomputed.cube.keys()])) {
      const stored = text(this.cube.get(k));
      const again = text(recomputed.cube.get(k));
      if (stored !== again) samples.push({ key: k, stored, recomputed: again });
    }
    const result = {
      facts: [...this.facts.values()].filter((f) => f.version > 0).length,
      aggregateRows: this.cube.size,
      recomputedRows: recomputed.cube.size,
      differences: samples.length,
      samples: samples.slice(0, 20),
    };
    if (repair) {
      this.cube.clear();
      for (const [k, r] of recomputed.cube) this.cube.set(k, r);
    }
    return Promise.resolve(result);
  }
}
