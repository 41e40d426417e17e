import { indexTerms, queryTerms, type Term } from './knowledge-tokenizer.js';

/** A title term counts this many times a body term (on top of the combined match, which holds the title too). */
export const TITLE_WEIGHT = 3;

/** What the index answered for one published article, before the final ranking. */
export interface SearchCandidate {
  articleId: string;
  /** InnoDB's relevance of the query against the title terms alone, and against title + body. */
  titleRelevance: number;
  allRelevance: number;
  title: string;
  body: string;
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
 * The final order: InnoDB's TF-IDF relevance (title weighted) times a coverage factor, so an article
 * holding every query term (`宽带` and `故障`) outranks one that repeats a single term, however
 * often. Coverage 0…1 maps to a factor 0.5…1.5. Ties: higher title relevance, then id, so the
 * order is stable.
 */
export function rankCandidates<C extends SearchCandidate>(terms: readonly Term[], candidates: readonly C[]): RankedCandidate<C>[] {
  return candidates
    .map((candidate) => {
      const tokens = new Set(indexTerms(`${candidate.title}\n${candidate.body}`).map((t) => t.token));
      const matched = matchedTerms(terms, tokens);
      const coverage = terms.length ? matched.length / terms.length : 0;
      const relevance = TITLE_WEIGHT * candidate.titleRelevance + candidate.allRelevance;
      return { candidate, score: round(relevance * (0.5 + coverage)), matchedTerms: matched.map((t) => t.text) };
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.candidate.titleRelevance - a.candidate.titleRelevance ||
        a.candidate.articleId.localeCompare(b.candidate.articleId),
    );
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
