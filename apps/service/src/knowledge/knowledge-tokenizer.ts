/**
 * The knowledge base's own tokenizer (docs/service/knowledge.md, "Search"). MariaDB's FULLTEXT parser
 * splits on spaces and punctuation only, so a run of Chinese is one "word", and InnoDB drops words
 * shorter than `innodb_ft_min_token_size` (3 by default; we cannot change server settings in CI).
 * So the app makes the words: articles and queries go through this one function, and the index
 * stores the encoded terms it returns, separated by spaces, in FULLTEXT-indexed columns.
 *
 * - Ideographic runs (Han, kana, Hangul) become overlapping character bigrams (`宽带出现故障` →
 *   宽带 带出 出现 现故 故障) plus one closing bigram of the run's last character with an end mark,
 *   so every character starts some term: a one-character query is then the prefix search `c<char>*`.
 *   A bigram is encoded `c` + each code point in 4 base-36 digits (`c` + 8 = 9 ASCII characters):
 *   always above the minimum token size, never one of InnoDB's stopwords, no collation surprises.
 * - Other letters and digits make words, lower-cased (after NFKC, so full-width `ＷｉＦｉ` is `wifi`),
 *   English stopwords dropped, lightly stemmed (`routers` → `router`, `resetting` → `reset`), encoded
 *   `w` + word (ASCII) or `x` + base-36 code points (other scripts); one-letter words are dropped.
 */

/** One term of a text: what a person reads (`宽带`, `router`) and what the index stores. */
export interface Term {
  text: string;
  token: string;
  /** A one-character ideographic query term: matched by prefix (`token*`). */
  prefix?: boolean;
}

const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const RUNS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}])+/gu;
const END_MARK = 0;
const MAX_WORD = 40;

/** Short, frequent English words that carry no meaning for search. */
const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have how i if in into is it its my no not of on ' +
    'or our so than that the their them then there these they this to was we were what when where which who why will with you your'
  ).split(' '),
);

const b36 = (cp: number) => cp.toString(36).padStart(4, '0');

/** `c` + the two code points; the second is 0 for the closing term of a run. */
export function bigramToken(first: number, second: number): string {
  return `c${b36(first)}${b36(second)}`;
}

/** The prefix every term starting with this character shares. */
export function unigramPrefix(cp: number): string {
  return `c${b36(cp)}`;
}

/**
 * Light English stemming, the same for articles and queries, so only consistency matters: plurals,
 * `-ing`, `-ed`, a final `e`, and a doubled final consonant (`resetting` → `reset`).
 */
export function stem(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length <= 3) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|x|ch|sh|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.length > 4 && /([bdfgklmnprt])\1$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function wordTerm(raw: string): Term | null {
  if (raw.length < 2 || STOPWORDS.has(raw)) return null;
  const word = stem(raw).slice(0, MAX_WORD);
  if (/^[a-z0-9]+$/.test(word)) return { text: word, token: `w${word}` };
  return { text: word, token: `x${[...word].map((c) => b36(c.codePointAt(0)!)).join('')}` };
}

/** NFKC and lower case: full-width letters and digits become ASCII, `Router` is `router`. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * The terms of an article's text, in order, repeated as they occur (term frequency counts in the
 * ranking). Each ideographic run also yields its closing term (last character + end mark).
 */
export function indexTerms(text: string): Term[] {
  const out: Term[] = [];
  for (const [run] of normalise(text).matchAll(RUNS)) {
    if (IDEOGRAPHIC.test(run[0]!)) {
      const cps = [...run].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < cps.length; i++) {
        const next = cps[i + 1] ?? END_MARK;
        out.push({ text: String.fromCodePoint(cps[i]!) + (next ? String.fromCodePoint(next) : ''), token: bigramToken(cps[i]!, next) });
      }
    } else {
      const t = wordTerm(run);
      if (t) out.push(t);
    }
  }
  return out;
}

/**
 * Occurrences of one term counted in an article: like BM25's saturation, the tenth `宽带` says
 * little more than the third, and InnoDB's cost of a query grows with the positions it reads.
 */
export const MAX_TERM_FREQUENCY = 3;

/** The index column's content: the encoded terms separated by spaces, each at most `MAX_TERM_FREQUENCY` times. */
export function indexText(text: string): string {
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (const t of indexTerms(text)) {
    const n = (seen.get(t.token) ?? 0) + 1;
    seen.set(t.token, n);
    if (n <= MAX_TERM_FREQUENCY) out.push(t.token);
  }
  return out.join(' ');
}

/**
 * The distinct terms of a query, in order: bigrams of each ideographic run (no closing term: the
 * query's last character need not end a run in the article), or a prefix term for a run of one
 * character; words as for articles. `max` bounds what one query costs the index.
 */
export function queryTerms(text: string, max = 32): Term[] {
  const seen = new Set<string>();
  const out: Term[] = [];
  const add = (t: Term) => {
    if (out.length < max && !seen.has(t.token)) {
      seen.add(t.token);
      out.push(t);
    }
  };
  for (const [run] of normalise(text).matchAll(RUNS)) {
    if (IDEOGRAPHIC.test(run[0]!)) {
      const cps = [...run].map((c) => c.codePointAt(0)!);
      if (cps.length === 1) add({ text: run, token: unigramPrefix(cps[0]!), prefix: true });
      for (let i = 0; i + 1 < cps.length; i++)
        add({ text: String.fromCodePoint(cps[i]!, cps[i + 1]!), token: bigramToken(cps[i]!, cps[i + 1]!) });
    } else {
      const t = wordTerm(run);
      if (t) add(t);
    }
  }
  return out;
}

/** The `AGAINST (… IN BOOLEAN MODE)` string: terms are `[a-z0-9]` only, so nothing in it is an operator but our `*`. */
export function booleanQuery(terms: readonly Term[]): string {
  return terms.map((t) => (t.prefix ? `${t.token}*` : t.token)).join(' ');
}

/**
 * `zh` when there is at least one ideograph per four other letters (an ideograph carries about what
 * a short English word does), else `en`.
 */
export function detectLanguage(text: string): 'zh' | 'en' {
  let ideographs = 0;
  let letters = 0;
  for (const ch of text) {
    if (IDEOGRAPHIC.test(ch)) ideographs++;
    else if (/\p{L}/u.test(ch)) letters++;
  }
  return ideographs > 0 && ideographs * 4 >= letters ? 'zh' : 'en';
}
