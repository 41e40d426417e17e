import { indexTerms, queryTerms, type Term } from './knowledge-tokenizer.js';

/** A title occurrence counts this many body occurrences (BM25F-like field weight). */
export const TITLE_WEIGHT = 3;
/** BM25 constants: term-frequency saturation and length normalisation. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
/**
 * The article length (index terms, each counted at most 3 times) that length normalisation treats as
 * average. A constant rather than the live average, so an article's stored weights never go stale
 * when others are published (about a 1,000-character article).
 */
export const REFERENCE_LENGTH = 400;
/** Stored weights are BM25's term-frequency part × 100, as small integers (0…220). */
const IMPACT_SCALE = 100;

/** One row of the inverted index for an article: a term and its weight in that article. */
export interface Posting {
  token: string;
  impact: number;
}

/**
 * The postings of an article from its title and body index terms (`indexText(…)` split on spaces):
 * each distinct term with its BM25F term-frequency weight
 * `tf·(k1+1) / (tf + k1·(1 − b + b·length/REFERENCE_LENGTH))`, tf = 3·title count + body count,
 * scaled to an integer (the "impact" the index is ordered by). Sorted by token, so concurrent
 * publishes touch shared rows in the same order.
 */
export function articlePostings(titleTokens: readonly string[], bodyTokens: readonly string[]): { length: number; postings: Posting[] } {
  const tf = new Map<string, number>();
  for (const t of titleTokens) if (t) tf.set(t, (tf.get(t) ?? 0) + TITLE_WEIGHT);
  for (const t of bodyTokens) if (t) tf.set(t, (tf.get(t) ?? 0) + 1);
  const length = titleTokens.filter(Boolean).length + bodyTokens.filter(Boolean).length;
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * length) / REFERENCE_LENGTH);
  const postings = [...tf.entries()]
    .map(([token, f]) => ({ token, impact: Math.max(1, Math.round((IMPACT_SCALE * f * (BM25_K1 + 1)) / (f + norm))) }))
    .sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
  return { length, postings };
}

/** BM25's inverse document frequency: rare terms weigh more; a term in every article weighs ≈ 0.1 or less. */
export function idf(articles: number, df: number): number {
  return Math.log(1 + (Math.max(articles, df) - df + 0.5) / (df + 0.5));
}

/** A candidate as the index answered: its stored weight for each query index term it holds. */
export interface SearchCandidate {
  /** The article's number in the index (`knowledge_search.doc_no`; a newer article has a higher one). */
  docNo: number;
  /** token → impact (as stored, 0…220) for the query's index terms this article holds. */
  impacts: ReadonlyMap<string, number>;
}

/**
 * A query term as searched: the index tokens that stand for it (one, or for a one-character Chinese
 * query the frequent terms starting with that character) with their idf.
 */
export interface ResolvedTerm {
  term: Term;
  tokens: Array<{ token: string; idf: number }>;
}

export interface RankedCandidate<C extends SearchCandidate = SearchCandidate> {
  candidate: C;
  score: number;
  /** The query terms the article holds, as a person reads them (`宽带`, `router`). */
  matchedTerms: string[];
}

/** The query terms found among an article's index terms (a prefix term: any term starting with it). */
export function matchedTerms(terms: readonly Term[], tokens: ReadonlySet<string>): Term[] {
  return terms.filter((t) => (t.prefix ? [...tokens].some((k) => k.startsWith(t.token)) : tokens.has(t.token)));
}

/**
 * The final order: BM25 (Σ idf · stored weight / 100; a prefix term counts its best token) times a
 * coverage factor 0.5…1.5 (the share of query terms the article holds), so an article holding every
 * query term (`宽带` and `故障`) outranks one that repeats a single term, however often. Ties: id, so
 * the order is stable.
 */
export function rankCandidates<C extends SearchCandidate>(terms: readonly ResolvedTerm[], candidates: readonly C[]): RankedCandidate<C>[] {
  return candidates
    .map((candidate) => {
      let bm25 = 0;
      const matched: string[] = [];
      for (const t of terms) {
        let best = 0;
        for (const k of t.tokens) {
          const impact = candidate.impacts.get(k.token);
          if (impact !== undefined) best = Math.max(best, (k.idf * impact) / IMPACT_SCALE);
        }
        if (t.tokens.some((k) => candidate.impacts.has(k.token))) matched.push(t.term.text);
        bm25 += best;
      }
      const coverage = terms.length ? matched.length / terms.length : 0;
      return { candidate, score: round(bm25 * (0.5 + coverage)), matchedTerms: matched };
    })
    .sort((a, b) => b.score - a.score || b.candidate.docNo - a.candidate.docNo);
}

/**
 * The query for a case: its subject's terms first (a subject says what the case is about), then the
 * description's terms by how often they occur, up to `max` distinct terms — a long description
 * must not turn into a thousand-term query.
 */
export function caseQueryTerms(subject: string, description: string, max = 24): Term[] {
  const fromSubject = queryTerms(subject, max);
  const seen = new Set(fromSubject.map((t) => t.token));
  const counts = new Map<string, { term: Term; n: number; first: number }>();
  queryTerms(description, 4096).forEach((term, i) => {
    if (seen.has(term.token)) return;
    const c = counts.get(term.token);
    if (c) c.n++;
    else counts.set(term.token, { term, n: 1, first: i });
  });
  // queryTerms already drops repeats, so count repeats on the index terms of the description.
  for (const t of indexTerms(description)) {
    const c = counts.get(t.token);
    if (c) c.n++;
  }
  const rest = [...counts.values()].sort((a, b) => b.n - a.n || a.first - b.first).map((c) => c.term);
  return [...fromSubject, ...rest].slice(0, max);
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
