import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  CrmError,
  DEFAULT_CURRENCY,
  ErrorCode,
  formatMoney,
  MARKETING_COMPETITOR_CREATED_V1,
  MARKETING_COMPETITOR_UPDATED_V1,
  type AnalyseCompetitorsDto,
  type CompetitorAnalysisView,
  type CompetitorFieldsDto,
  type CompetitorPage,
  type CompetitorProduct,
  type CompetitorView,
  type CreateCompetitorDto,
  type ListCompetitorsDto,
  type UpdateCompetitorDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, isDuplicateKey, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import type { CompetitorEntity } from './competitor.entity.js';
import { toCompetitorView } from './competitor.mapper.js';
import { COMPETITOR_LIST, CompetitorRepository } from './competitor.repository.js';
import { periodOf } from './period.js';
import { ratio, tallyWinLoss } from './win-loss.js';

const LISTS = ['strengths', 'weaknesses', 'opportunities', 'threats', 'segments', 'industries'] as const;
const EDITABLE = ['name', 'website', 'description', ...LISTS, 'products'] as const;

/**
 * Competitors (SPEC §6.1). Profiles are shared reference records of the marketing department, so
 * they are not limited by data scope; the opportunities behind the win/loss figures are (an
 * opportunity outside the caller's scope is never counted). Every change records its operation-log
 * entry and its event in its own transaction.
 */
@Injectable()
export class CompetitorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(CompetitorRepository) private readonly competitors: CompetitorRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateCompetitorDto, ctx: CallContext): Promise<CompetitorView> {
    const employeeId = actingEmployee(ctx);
    const name = dto.name.trim();
    try {
      return await this.dataSource.transaction(async (m) => {
        const created = toCompetitorView(
          await this.competitors.insert(m, {
            id: randomUUID(),
            name,
            nameKey: name.toLowerCase(),
            website: dto.website ?? null,
            description: dto.description ?? null,
            strengths: dto.strengths ?? [],
            weaknesses: dto.weaknesses ?? [],
            opportunities: dto.opportunities ?? [],
            threats: dto.threats ?? [],
            products: products(dto.products) ?? [],
            segments: unique(dto.segments) ?? [],
            industries: unique(dto.industries) ?? [],
            ownerId: employeeId,
            createdBy: employeeId,
            updatedBy: employeeId,
          }),
        );
        await this.changes.record(m, ctx, {
          entity: 'competitor',
          entityId: created.competitorId,
          action: 'create',
          before: null,
          after: pick(created),
          event: { pattern: MARKETING_COMPETITOR_CREATED_V1, data: created },
        });
        return created;
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw nameTaken(name);
      throw err;
    }
  }

  async update(dto: UpdateCompetitorDto, ctx: CallContext): Promise<CompetitorView> {
    const employeeId = actingEmployee(ctx);
    try {
      return await this.dataSource.transaction(async (m) => {
        const row = await this.competitors.findById(dto.competitorId, m, true);
        if (!row) throw new CrmError(ErrorCode.NotFound, `competitor ${dto.competitorId} not found`);
        if (row.version !== dto.version)
          throw new CrmError(ErrorCode.Conflict, `stale version: competitor ${row.id} is at version ${row.version}`);
        const before = toCompetitorView(row);
        const patch = changedFields(row, dto);
        const changed = Object.keys(patch);
        if (changed.length === 0) return before;
        if (patch.name !== undefined) patch.nameKey = patch.name.toLowerCase();
        const after = toCompetitorView(
          await this.competitors.update(m, row.id, { ...patch, version: row.version + 1, updatedBy: employeeId }),
        );
        await this.changes.record(m, ctx, {
          entity: 'competitor',
          entityId: row.id,
          action: 'update',
          before: pick(before),
          after: pick(after),
          event: { pattern: MARKETING_COMPETITOR_UPDATED_V1, data: { ...after, changedFields: changed } },
        });
        return after;
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw nameTaken(dto.name?.trim() ?? '');
      throw err;
    }
  }

  async get(competitorId: string): Promise<CompetitorView> {
    const row = await this.competitors.findById(competitorId);
    if (!row) throw new CrmError(ErrorCode.NotFound, `competitor ${competitorId} not found`);
    return toCompetitorView(row);
  }

  async list(q: ListCompetitorsDto): Promise<CompetitorPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(COMPETITOR_LIST, q.cursor);
    return toPage(COMPETITOR_LIST, this.cursors, await this.competitors.list(q, limit, position), limit, toCompetitorView);
  }

  /** Win/loss per competitor over the period, from the opportunities in the caller's scope. */
  async analysis(dto: AnalyseCompetitorsDto, ctx: CallContext): Promise<CompetitorAnalysisView> {
    actingEmployee(ctx);
    const period = periodOf(dto);
    const currency = dto.currency ?? DEFAULT_CURRENCY;
    // In the order asked for; without a list, newest first.
    const order = new Map((dto.competitorIds ?? []).map((id, i) => [id, i]));
    const competitors = dto.competitorIds
      ? (await this.competitors.findByIds([...order.keys()])).sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      : await this.competitors.list({}, BUSINESS_PAGE.maxLimit - 1, undefined);
    if (dto.competitorIds) {
      const known = new Set(competitors.map((c) => c.id));
      const missing = dto.competitorIds.filter((id) => !known.has(id));
      if (missing.length) throw new CrmError(ErrorCode.NotFound, `competitor ${missing[0]} not found`);
    }
    const tallies = tallyWinLoss(
      await this.competitors.facts(period, ctx.scope),
      period,
      currency,
      competitors.map((c) => c.id),
    );
    return {
      from: period.from?.toISOString() ?? null,
      to: period.to?.toISOString() ?? null,
      currency,
      items: competitors.map((c) => {
        const t = tallies.get(c.id)!;
        return {
          competitorId: c.id,
          name: c.name,
          met: t.met,
          won: t.won,
          lost: t.lost,
          lostTo: t.lostTo,
          winRate: ratio(t.won, t.won + t.lost),
          amountLost: formatMoney(t.amountLost),
          currency,
          otherCurrencyLost: t.otherCurrencyLost,
        };
      }),
    };
  }
}

function nameTaken(name: string): CrmError {
  return new CrmError(ErrorCode.Conflict, `a competitor named ${name} exists`, [{ field: 'name', reasons: ['name is taken'] }]);
}

function unique(values: string[] | undefined): string[] | undefined {
  return values === undefined ? undefined : [...new Set(values)];
}

function products(list: CompetitorFieldsDto['products']): CompetitorProduct[] | undefined {
  return list?.map((p) => ({
    name: p.name.trim(),
    price: p.price,
    currency: p.currency ?? DEFAULT_CURRENCY,
    unit: p.unit ?? null,
    notes: p.notes ?? null,
  }));
}

/** The fields the update sets to a different value. */
function changedFields(row: CompetitorEntity, dto: UpdateCompetitorDto): Partial<CompetitorEntity> {
  const next: Partial<CompetitorEntity> = {
    name: dto.name?.trim(),
    website: dto.website,
    description: dto.description,
    strengths: dto.strengths,
    weaknesses: dto.weaknesses,
    opportunities: dto.opportunities,
    threats: dto.threats,
    products: products(dto.products),
    segments: unique(dto.segments),
    industries: unique(dto.industries),
  };
  const patch: Partial<CompetitorEntity> = {};
  for (const f of EDITABLE) {
    const v = next[f];
    if (v !== undefined && JSON.stringify(v) !== JSON.stringify(row[f])) (patch as Record<string, unknown>)[f] = v;
  }
  return patch;
}

function pick(v: CompetitorView): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.map((f) => [f, v[f]]));
}
