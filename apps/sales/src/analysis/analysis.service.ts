import { Inject, Injectable } from '@nestjs/common';
import {
  CrmError,
  Decimal,
  DEFAULT_CURRENCY,
  ErrorCode,
  formatMoney,
  type AnalysisGroup,
  type AnalysisPeriodDto,
  type AnalysisScopeEcho,
  type AnalysisVerification,
  type ForecastAnalysis,
  type ForecastAnalysisDto,
  type ForecastFigures,
  type GroupedAnalysisDto,
  type PipelineAnalysis,
  type PipelineFigures,
  type RevenueAnalysis,
  type RevenueFigures,
  type VerifyAnalysisDto,
  type WinRateAnalysis,
  type WinRateFigures,
} from '@crm/contracts';
import type { CallContext } from '@crm/security';
import type { CubeDim, CubeKind } from './analysis-fact.js';
import { AnalysisRepository, type CubeQuery, type CubeSum } from './analysis.repository.js';

/** The read port the queries need (the repository; a fake in unit tests). */
export type AnalysisStore = Pick<AnalysisRepository, 'sumCube' | 'teams' | 'teamSizes' | 'quotas' | 'verify'>;

const MAX_MONTHS = 60;

interface Period {
  from: string;
  to: string;
  fromMonth: string;
  toMonth: string;
  currency: string;
  pipelineId?: string;
  channel?: string;
}

interface Group {
  key: string | null;
  name?: string | null;
  sum: CubeSum;
}

function invalid(field: string, reason: string): CrmError {
  return new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [{ field, reasons: [reason] }]);
}

function emptySum(key: string): CubeSum {
  return {
    key,
    oppCount: 0,
    amount: new Decimal(0),
    weighted: new Decimal(0),
    wonCount: 0,
    wonAmount: new Decimal(0),
    lostCount: 0,
    cycleDays: 0,
  };
}

function addSum(a: CubeSum, b: CubeSum): CubeSum {
  return {
    key: a.key,
    oppCount: a.oppCount + b.oppCount,
    amount: a.amount.plus(b.amount),
    weighted: a.weighted.plus(b.weighted),
    wonCount: a.wonCount + b.wonCount,
    wonAmount: a.wonAmount.plus(b.wonAmount),
    lostCount: a.lostCount + b.lostCount,
    cycleDays: a.cycleDays + b.cycleDays,
  };
}

/** Percent with one decimal, half up; null without a base. */
function percent(part: Decimal | number, whole: Decimal | number): number | null {
  const w = new Decimal(whole);
  if (w.isZero()) return null;
  return new Decimal(part).times(100).dividedBy(w).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toNumber();
}

function byFigureThenKey<T extends { key: string | null }>(figure: (t: T) => Decimal | number): (a: T, b: T) => number {
  return (a, b) => {
    const d = new Decimal(figure(b)).comparedTo(new Decimal(figure(a)));
    if (d !== 0) return d;
    if (a.key === b.key) return 0;
    if (a.key === null) return 1;
    if (b.key === null) return -1;
    return a.key < b.key ? -1 : 1;
  };
}

/**
 * Business analysis (SPEC §6.2) over the cube the feed keeps: every answer reads only cube rows,
 * limited to the caller's owners (or the all-owners rows for scope `all`), so nobody sees a figure
 * of an opportunity outside their data scope — not even inside a total.
 */
@Injectable()
export class AnalysisService {
  constructor(@Inject(AnalysisRepository) private readonly store: AnalysisStore) {}

  async pipeline(dto: GroupedAnalysisDto, ctx: CallContext): Promise<PipelineAnalysis> {
    if (dto.groupBy === 'product')
      throw invalid('groupBy', 'product: open opportunities have no accepted quote lines; use sales.analysis.revenue.v1');
    const p = this.period(dto);
    const owners = this.owners(ctx);
    const figures = (s: CubeSum): PipelineFigures => ({
      count: s.oppCount,
      amount: formatMoney(s.amount),
      weightedAmount: formatMoney(s.weighted),
    });
    const groups = await this.grouped('open', dto.groupBy, owners, p);
    return {
      ...this.echo(dto.groupBy, p, ctx),
      items: groups.sort(byFigureThenKey((g) => g.sum.amount)).map((g) => ({ ...this.keyOf(g), ...figures(g.sum) })),
      totals: figures(await this.total('open', owners, p)),
    };
  }

  async winRate(dto: GroupedAnalysisDto, ctx: CallContext): Promise<WinRateAnalysis> {
    if (dto.groupBy === 'product')
      throw invalid('groupBy', 'product: lost opportunities have no accepted quote lines; use sales.analysis.revenue.v1');
    const p = this.period(dto);
    const owners = this.owners(ctx);
    const figures = (s: CubeSum): WinRateFigures => ({
      won: s.wonCount,
      lost: s.lostCount,
      winRate: percent(s.wonCount, s.wonCount + s.lostCount),
      wonAmount: formatMoney(s.wonAmount),
      averageSalesCycleDays: s.wonCount
        ? new Decimal(s.cycleDays).dividedBy(s.wonCount).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toNumber()
        : null,
    });
    const groups = await this.grouped('closed', dto.groupBy, owners, p);
    return {
      ...this.echo(dto.groupBy, p, ctx),
      items: groups.sort(byFigureThenKey((g) => g.sum.wonCount + g.sum.lostCount)).map((g) => ({ ...this.keyOf(g), ...figures(g.sum) })),
      totals: figures(await this.total('closed', owners, p)),
    };
  }

  async revenue(dto: GroupedAnalysisDto, ctx: CallContext): Promise<RevenueAnalysis> {
    const p = this.period(dto);
    const owners = this.owners(ctx);
    const figures = (s: CubeSum): RevenueFigures => ({
      wonCount: dto.groupBy === 'product' ? s.oppCount : s.wonCount,
      revenue: formatMoney(s.wonAmount),
    });
    const groups = await this.grouped(dto.groupBy === 'product' ? 'product' : 'closed', dto.groupBy, owners, p);
    const total = await this.total('closed', owners, p);
    return {
      ...this.echo(dto.groupBy, p, ctx),
      items: groups.sort(byFigureThenKey((g) => g.sum.wonAmount)).map((g) => ({ ...this.keyOf(g), ...figures(g.sum) })),
      totals: { wonCount: total.wonCount, revenue: formatMoney(total.wonAmount) },
    };
  }

  /**
   * Forecast vs quota per employee or team: won in the period plus open pipeline expected to close
   * in it, weighted; quota from the quota table (periods within the asked one). A team's quota is
   * its own quota when the caller sees the whole team, else the sum of the quotas of the members
   * the caller sees, so a limited scope never shows a figure that includes someone outside it.
   */
  async forecast(dto: ForecastAnalysisDto, ctx: CallContext): Promise<ForecastAnalysis> {
    const groupBy = dto.groupBy ?? 'owner';
    const p = this.period(dto);
    const owners = this.owners(ctx);
    const inScope = (e: string) => owners === null || owners.includes(e);
    const base = { dim: 'base' as const, groupBy: 'owner' as const, owners, ...this.cubeFilter(p) };
    const [open, closed, quotas] = await Promise.all([
      this.store.sumCube({ kind: 'open', ...base }),
      this.store.sumCube({ kind: 'closed', ...base }),
      this.store.quotas(p.currency, p.from, p.to),
    ]);
    const won = new Map(closed.map((s) => [s.key, s.wonAmount]));
    const weighted = new Map(open.map((s) => [s.key, s.weighted]));
    const employeeQuota = new Map(quotas.filter((q) => q.ownerKind === 'employee' && inScope(q.ownerId)).map((q) => [q.ownerId, q.amount]));
    const teamQuota = new Map(quotas.filter((q) => q.ownerKind === 'team').map((q) => [q.ownerId, q.amount]));
    const people = [...new Set([...won.keys(), ...weighted.keys(), ...employeeQuota.keys()])].sort();
    const zero = new Decimal(0);
    const sumOf = (map: Map<string, Decimal>, members: readonly string[]) => members.reduce((t, e) => t.plus(map.get(e) ?? zero), zero);
    const figures = (w: Decimal, o: Decimal, q: Decimal): ForecastFigures => ({
      quota: formatMoney(q),
      won: formatMoney(w),
      weightedOpen: formatMoney(o),
      forecast: formatMoney(w.plus(o)),
      attainment: percent(w, q),
      forecastAttainment: percent(w.plus(o), q),
    });
    type Row = { key: string | null; name?: string | null; won: Decimal; open: Decimal; quota: Decimal };
    let rows: Row[];
    if (groupBy === 'owner') {
      rows = people.map((e) => ({ key: e, won: won.get(e) ?? zero, open: weighted.get(e) ?? zero, quota: employeeQuota.get(e) ?? zero }));
    } else {
      const memberships = await this.store.teams(owners);
      const teams = new Map<string, { name: string | null; members: string[] }>();
      for (const t of memberships) {
        const team = teams.get(t.teamId) ?? { name: t.name, members: [] };
        team.members.push(t.employeeId);
        teams.set(t.teamId, team);
      }
      const sizes = owners === null ? new Map<string, number>() : await this.store.teamSizes([...teams.keys()]);
      rows = [...teams.entries()].map(([teamId, t]) => {
        const whole = owners === null || sizes.get(teamId) === t.members.length;
        const own = teamQuota.get(teamId);
        return {
          key: teamId,
          name: t.name,
          won: sumOf(won, t.members),
          open: sumOf(weighted, t.members),
          quota: whole && own !== undefined ? own : sumOf(employeeQuota, t.members),
        };
      });
      const inTeam = new Set(memberships.map((t) => t.employeeId));
      const loners = people.filter((e) => !inTeam.has(e));
      if (loners.length)
        rows.push({ key: null, won: sumOf(won, loners), open: sumOf(weighted, loners), quota: sumOf(employeeQuota, loners) });
    }
    rows.sort(byFigureThenKey((r) => r.won.plus(r.open)));
    return {
      ...this.echo(groupBy, p, ctx),
      items: rows.map((r) => ({ key: r.key, ...(groupBy === 'team' ? { name: r.name ?? null } : {}), ...figures(r.won, r.open, r.quota) })),
      totals: figures(
        sumOf(won, [...won.keys()]),
        sumOf(weighted, [...weighted.keys()]),
        rows.reduce((t, r) => t.plus(r.quota), zero),
      ),
    };
  }

  async verify(dto: VerifyAnalysisDto, ctx: CallContext): Promise<AnalysisVerification> {
    if (this.owners(ctx) !== null) throw new CrmError(ErrorCode.Forbidden, 'verifying the analysis needs the data scope all');
    const started = performance.now();
    const r = await this.store.verify(dto.repair === true);
    return { ...r, repaired: dto.repair === true && r.differences > 0, ms: Math.round(performance.now() - started) };
  }

  /** The caller's owners, or null for scope `all`. No employee, no scope: refused like `applyScope` does. */
  private owners(ctx: CallContext): readonly string[] | null {
    if (!ctx.scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
    return ctx.scope.scope === 'all' || ctx.scope.owners === null ? null : ctx.scope.owners;
  }

  private period(dto: AnalysisPeriodDto): Period {
    const [ty, tm, td] = dto.to.split('-').map(Number) as [number, number, number];
    const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
    if (td !== lastDay)
      throw invalid('to', `to must be the last day of a month (${dto.to.slice(0, 8)}${lastDay}): figures are kept per month`);
    const toMonth = `${dto.to.slice(0, 7)}-01`;
    if (toMonth < dto.from) throw invalid('to', 'to must not be before from');
    const [fy, fm] = dto.from.split('-').map(Number) as [number, number];
    if ((ty - fy) * 12 + (tm - fm) + 1 > MAX_MONTHS) throw invalid('to', `a period covers at most ${MAX_MONTHS} months`);
    return {
      from: dto.from,
      to: dto.to,
      fromMonth: dto.from,
      toMonth,
      currency: dto.currency ?? DEFAULT_CURRENCY,
      ...(dto.pipelineId === undefined ? {} : { pipelineId: dto.pipelineId }),
      ...(dto.channel === undefined ? {} : { channel: dto.channel }),
    };
  }

  private cubeFilter(p: Period): Pick<CubeQuery, 'fromMonth' | 'toMonth' | 'currency' | 'pipelineId' | 'channel'> {
    return {
      fromMonth: p.fromMonth,
      toMonth: p.toMonth,
      currency: p.currency,
      ...(p.pipelineId === undefined ? {} : { pipelineId: p.pipelineId }),
      ...(p.channel === undefined ? {} : { channel: p.channel }),
    };
  }

  private echo(groupBy: AnalysisGroup, p: Period, ctx: CallContext): AnalysisScopeEcho {
    return {
      from: p.from,
      to: p.to,
      groupBy,
      pipelineId: p.pipelineId ?? null,
      channel: (p.channel as AnalysisScopeEcho['channel']) ?? null,
      currency: p.currency,
      scope: ctx.scope!.scope,
    };
  }

  private keyOf(g: Group): { key: string | null; name?: string | null } {
    return g.name === undefined ? { key: g.key } : { key: g.key, name: g.name };
  }

  private async total(kind: CubeKind, owners: readonly string[] | null, p: Period): Promise<CubeSum> {
    const [s] = await this.store.sumCube({ kind, dim: 'base', groupBy: 'none', owners, ...this.cubeFilter(p) });
    return s ?? emptySum('');
  }

  /** Cube sums per group; teams are made from per-owner sums (an owner in two teams counts in both). */
  private async grouped(kind: CubeKind, groupBy: AnalysisGroup, owners: readonly string[] | null, p: Period): Promise<Group[]> {
    const filter = this.cubeFilter(p);
    const byValue = async (dim: CubeDim): Promise<Group[]> =>
      (await this.store.sumCube({ kind, dim, groupBy: 'value', owners, ...filter })).map((s) => ({
        key: s.key === '' ? null : s.key,
        sum: s,
      }));
    switch (groupBy) {
      case 'stage':
      case 'territory':
      case 'industry':
      case 'product':
        return byValue(groupBy);
      case 'channel':
        return (await this.store.sumCube({ kind, dim: 'base', groupBy: 'channel', owners, ...filter })).map((s) => ({
          key: s.key,
          sum: s,
        }));
      case 'owner':
        return (await this.store.sumCube({ kind, dim: 'base', groupBy: 'owner', owners, ...filter })).map((s) => ({ key: s.key, sum: s }));
      case 'team': {
        const [perOwner, memberships] = await Promise.all([
          this.store.sumCube({ kind, dim: 'base', groupBy: 'owner', owners, ...filter }),
          this.store.teams(owners),
        ]);
        const sums = new Map(perOwner.map((s) => [s.key, s]));
        const groups = new Map<string | null, Group>();
        const add = (key: string | null, name: string | null, s: CubeSum) => {
          const g = groups.get(key);
          groups.set(key, { key, name, sum: g ? addSum(g.sum, s) : { ...s, key: key ?? '' } });
        };
        const inTeam = new Set<string>();
        for (const t of memberships) {
          inTeam.add(t.employeeId);
          const s = sums.get(t.employeeId);
          if (s) add(t.teamId, t.name, s);
        }
        for (const s of perOwner) if (!inTeam.has(s.key)) add(null, null, s);
        return [...groups.values()];
      }
    }
  }
}
