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
import { caseQueryTerms, idf, rankCandidates, type ResolvedTerm } from './knowledge-ranking.js';
import { KnowledgeSearchRepository, type SearchArticleRow } from './knowledge-search.repository.js';
import { queryTerms, type Term } from './knowledge-tokenizer.js';

const DEFAULT_SEARCH_LIMIT = 10;
const DEFAULT_SUGGESTIONS = 5;
/** How many index rows one search reads in step 1 at most (split over its terms), and the bounds per term. */
const LIST_BUDGET = 1600;
const PER_TERM_MIN = 50;
const PER_TERM_MAX = 300;
/** How many candidates get their exact score (step 2: at most this many × terms primary-key lookups). */
const CANDIDATE_BUDGET = 1200;
const KEEP_MIN = 40;
const KEEP_MAX = 120;
/** A one-character Chinese query stands for its most frequent bigrams, at most this many. */
const PREFIX_EXPANSION = 8;

/**
 * Search over published articles and suggestions for a case, on the app's inverted index
 * (docs/service/knowledge.md, "Search: how and why"): each query term reads only its best-weighted
 * articles, the union is scored BM25-like with idf from the terms' document frequencies, and the
 * final order also rewards articles holding more of the query's terms (knowledge-ranking.ts).
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
    const prefixes = terms.filter((t) => t.prefix).map((t) => t.token);
    const [articles, df] = await Promise.all([
      this.index.articleCount(),
      this.index.documentFrequencies(
        terms.filter((t) => !t.prefix).map((t) => t.token),
        prefixes,
        PREFIX_EXPANSION,
      ),
    ]);
    const resolved: ResolvedTerm[] = terms.map((term) => ({
      term,
      tokens: [...df.entries()]
        .filter(([token]) => (term.prefix ? token.startsWith(term.token) : token === term.token))
        .map(([token, n]) => ({ token, idf: idf(articles, n) })),
    }));
    const tokens = resolved.flatMap((r) => r.tokens);
    if (!tokens.length) return [];
    const perTerm = clamp(Math.floor(LIST_BUDGET / tokens.length), PER_TERM_MIN, PER_TERM_MAX);
    const keep = Math.max(limit * 3, clamp(Math.floor(CANDIDATE_BUDGET / tokens.length), KEEP_MIN, KEEP_MAX));
    const candidates = await this.index.candidates(tokens, filter, perTerm, keep);
    const top = rankCandidates(resolved, candidates).slice(0, limit);
    const shown = await this.index.articles(top.map((r) => r.candidate.docNo));
    return top.flatMap((r) => {
      const a = shown.get(r.candidate.docNo);
      return a ? [toHit(a, r.score, r.matchedTerms)] : [];
    });
  }
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

function toHit(c: SearchArticleRow, score: number, matchedTerms: string[]): ArticleSearchHit {
  return {
    articleId: c.articleId,
    versionNo: c.versionNo,
    title: c.title,
    category: c.category,
    tags: c.tags,
    language: c.language,
    score,
    matchedTerms,
    snippet: c.snippet,
    publishedAt: new Date(c.publishedAt).toISOString(),
  };
}
