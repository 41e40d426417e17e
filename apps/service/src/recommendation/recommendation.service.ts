import { Inject, Injectable } from '@nestjs/common';
import { CrmError, ErrorCode, type ListRecommendationsDto, type RecommendationList } from '@crm/contracts';
import { actingEmployee, type CallContext } from '@crm/security';
import { rankRecommendations } from './recommendation-ranking.js';
import { RecommendationRepository } from './recommendation.repository.js';
import { CASE_RULES, CASE_WINDOW_DAYS, DEFAULT_LIMIT, MIN_EVIDENCE } from './recommendation.rules.js';

/**
 * Products and services to suggest to an account: gathers the evidence (its assets and ended
 * contracts, the other accounts' holdings, its case history, similar accounts) and ranks it with
 * the pure `rankRecommendations`. Needs `asset.read`; like assets, not narrowed by owner.
 */
@Injectable()
export class RecommendationService {
  constructor(@Inject(RecommendationRepository) private readonly repo: RecommendationRepository) {}

  async list(q: ListRecommendationsDto, ctx: CallContext, now = new Date()): Promise<RecommendationList> {
    actingEmployee(ctx);
    if (!(await this.repo.accountKnown(q.accountId))) throw new CrmError(ErrorCode.NotFound, `account ${q.accountId} not found`);
    const { active, ended } = await this.repo.holdings(q.accountId);
    const held = active.map((p) => p.sku);
    const since = new Date(now.getTime() - CASE_WINDOW_DAYS * 86_400_000);
    const [coOccurrence, cases, peers, known] = await Promise.all([
      this.repo.coOccurrence(q.accountId, held, MIN_EVIDENCE),
      this.repo.caseCounts(q.accountId, since),
      this.repo.peers(q.accountId, MIN_EVIDENCE),
      this.repo.known(CASE_RULES.map((r) => r.suggest.sku)),
    ]);
    const items = rankRecommendations(
      { held, ended: ended.filter((e) => !held.includes(e.product.sku)), coOccurrence, cases, peers, known },
      q.limit ?? DEFAULT_LIMIT,
    );
    return { accountId: q.accountId, items };
  }
}
