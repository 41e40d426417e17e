import { Inject, Injectable } from '@nestjs/common';
import {
  CrmError,
  ErrorCode,
  type ArticleSearchHit,
  type ArticleSearchResult,
  type ArticleSuggestions,
  type KnowledgeLanguage,
  type SearchArticlesDto,
  type SuggestArticlesDto,
} from '@crm/contracts';
import { actingEmployee, type CallContext } from '@crm/security';
import { caseQueryTerms, rankCandidates, TITLE_WEIGHT, type RankedCandidate } from './knowledge-ranking.js';
import { KnowledgeSearchRepository, type SearchCandidateRow } from './knowledge-search.repository.js';
import { booleanQuery, queryTerms, type Term } from './knowledge-tokenizer.js';

const DEFAULT_SEARCH_LIMIT = 10;
const DEFAULT_SUGGESTIONS = 5;

/**
 * Search over published articles (knowledge_search) and suggestions for a case. The index finds
 * and pre-ranks candidates with InnoDB's relevance (title weighted); the final order also rewards
 * articles holding more of the query's terms (knowledge-ranking.ts).
 */
@Injectable()
export class KnowledgeSearchService {
  constructor(@Inject(KnowledgeSearchRepository) private readonly index: KnowledgeSearchRepository) {}

  async search(dto: SearchArticlesDto, ctx: CallContext): Promise<ArticleSearchResult> {
    actingEmployee(ctx);
    const terms = queryTerms(dto.query);
    const items = await this.ranked(terms, dto.limit ?? DEFAULT_SEARCH_LIMIT, { category: dto.category, language: dto.language });
    return { items, terms: terms.map((t) => t.text) };
  }

  /** `caseId` (within the caller's scope, else 4040) or the subject and description themselves. */
  async suggest(dto: SuggestArticlesDto, ctx: CallContext): Promise<ArticleSuggestions> {
    actingEmployee(ctx);
    let subject = dto.subject ?? '';
    let description = dto.description ?? '';
    if (dto.caseId !== undefined) {
      const c = await this.index.caseText(dto.caseId, ctx.scope!);
      if (!c) throw new CrmError(ErrorCode.NotFound, `case ${dto.caseId} not found`);
      subject = c.subject;
      description = c.description;
    } else if (!subject.trim() && !description.trim()) {
      const reason = 'give caseId, or the subject and/or description of the case';
      throw new CrmError(ErrorCode.ValidationFailed, reason, [
        { field: 'caseId', reasons: [reason] },
        { field: 'subject', reasons: [reason] },
      ]);
    }
    const terms = caseQueryTerms(subject, description);
    const items = await this.ranked(terms, dto.limit ?? DEFAULT_SUGGESTIONS, {});
    return { caseId: dto.caseId ?? null, items, terms: terms.map((t) => t.text) };
  }

  private async ranked(
    terms: Term[],
    limit: number,
    filter: { category?: string; language?: KnowledgeLanguage },
  ): Promise<ArticleSearchHit[]> {
    if (!terms.length) return [];
    // Re-ranking needs a few more candidates than shown; bounded so one query stays cheap.
    const candidates = await this.index.candidates(booleanQuery(terms), TITLE_WEIGHT, filter, Math.min(150, Math.max(30, limit * 3)));
    return rankCandidates(terms, candidates).slice(0, limit).map(toHit);
  }
}

function toHit(r: RankedCandidate<SearchCandidateRow>): ArticleSearchHit {
  const c = r.candidate;
  return {
    articleId: c.articleId,
    versionNo: c.versionNo,
    title: c.title,
    category: c.category,
    tags: c.tags,
    language: c.language,
    score: r.score,
    matchedTerms: r.matchedTerms,
    snippet: c.snippet,
    publishedAt: new Date(c.publishedAt).toISOString(),
  };
}
