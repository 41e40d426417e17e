import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EvaluateStrategyDto, StrategyEvaluationView } from '@crm/contracts';
import { actingEmployee, type CallContext } from '@crm/security';
import { addFigures, NO_FIGURES } from '../campaign/campaign-figures.js';
import { invalid } from '../campaign/campaign.mapper.js';
import { CampaignRepository } from '../campaign/campaign.repository.js';
import { byLabel, compare, toGroupView, type GroupFigures } from './strategy-evaluation.js';
import { StrategyRepository } from './strategy.repository.js';

/**
 * Strategy evaluation (SPEC §6.1): campaigns grouped by strategy or A/B variant, each group's
 * leads, cost, cost per lead, conversion (with a 95 % Wilson interval), revenue and ROI, from the
 * campaigns' figures; for exactly two groups a pooled two-proportion z-test of their conversion
 * rates. Reads only; campaigns, leads and opportunities outside the caller's data scope do not count.
 */
@Injectable()
export class StrategyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(StrategyRepository) private readonly strategies: StrategyRepository,
    @Inject(CampaignRepository) private readonly campaigns: CampaignRepository,
  ) {}

  async evaluate(dto: EvaluateStrategyDto, ctx: CallContext): Promise<StrategyEvaluationView> {
    actingEmployee(ctx);
    if ((dto.campaignIds == null) === (dto.strategies == null))
      throw invalid(dto.campaignIds ? 'strategies' : 'campaignIds', 'give either campaignIds or strategies, not both');
    return this.dataSource.transaction(async (m) => {
      const campaigns = await this.strategies.campaigns(
        m,
        { campaignIds: dto.campaignIds ?? undefined, strategies: dto.strategies ?? undefined },
        ctx.scope,
      );
      const currencies = new Set(campaigns.map((c) => c.currency));
      if (currencies.size > 1)
        throw invalid(
          dto.campaignIds ? 'campaignIds' : 'strategies',
          `the campaigns are in several currencies (${[...currencies].sort().join(', ')}): evaluate one currency at a time`,
        );
      const figures = await this.campaigns.figures(m, campaigns, ctx.scope);
      const groups = new Map<string | null, GroupFigures>();
      for (const c of campaigns) {
        const key = dto.groupBy === 'strategy' ? c.strategy : c.variant;
        const g = groups.get(key) ?? { group: key, campaignIds: [], currency: c.currency, figures: NO_FIGURES };
        g.campaignIds.push(c.id);
        g.figures = addFigures([g.figures, figures.get(c.id) ?? NO_FIGURES]);
        groups.set(key, g);
      }
      const ordered = [...groups.values()].sort(byLabel);
      return {
        groupBy: dto.groupBy,
        groups: ordered.map(toGroupView),
        comparison: ordered.length === 2 ? compare(ordered[0]!, ordered[1]!) : null,
      };
    });
  }
}
