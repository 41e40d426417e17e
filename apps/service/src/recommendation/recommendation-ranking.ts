import type { RecommendationEvidence, RecommendationItem } from '@crm/contracts';
import {
  CASE_CAP,
  CASE_RULES,
  CASE_STEP,
  CASE_WINDOW_DAYS,
  EXCLUSIONS,
  MIN_EVIDENCE,
  WEIGHTS,
  type CaseRule,
} from './recommendation.rules.js';

export interface Product {
  sku: string;
  name: string;
  productId: string | null;
}

/** Over the other accounts: how many hold `antecedent` and how many of them also hold `product`. */
export interface CoOccurrence {
  antecedent: string;
  holders: number;
  together: number;
  product: Product;
}

export interface PeerHoldings {
  /** What "similar" matched on, for the reason text. */
  industry: string;
  segment: string;
  /** Similar accounts holding at least one active asset. */
  peers: number;
  holdings: { product: Product; holders: number }[];
}

export interface RankingInput {
  /** Skus of the account's active assets. */
  held: readonly string[];
  /** Products the account held under contracts that ended and that it no longer holds. */
  ended: readonly { product: Product; contractNo: string; endsOn: string | null }[];
  coOccurrence: readonly CoOccurrence[];
  /** Cases of the account in the last `CASE_WINDOW_DAYS` days, by category. */
  cases: Readonly<Record<string, number>>;
  peers: PeerHoldings | null;
  /** Names and product ids service has seen for skus (from any account's assets), to name rule suggestions. */
  known?: ReadonlyMap<string, Product>;
  caseRules?: readonly CaseRule[];
  exclusions?: Readonly<Record<string, readonly string[]>>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Every sku that holding one of `held` excludes, both ways round. */
export function excludedBy(held: readonly string[], exclusions: Readonly<Record<string, readonly string[]>> = EXCLUSIONS): Set<string> {
  const out = new Set<string>();
  const holds = new Set(held);
  for (const [sku, others] of Object.entries(exclusions)) {
    if (holds.has(sku)) others.forEach((o) => out.add(o));
    if (others.some((o) => holds.has(o))) out.add(sku);
  }
  return out;
}

/**
 * Ranks the products to suggest to one account. Each model yields evidence with a score:
 * - co-occurrence: for each product, the best confidence `together / holders` over the account's
 *   held skus (only with `together ≥ MIN_EVIDENCE`), × `WEIGHTS.coOccurrence`;
 * - case history: a `CASE_RULES` rule whose category count reached `minCases` (and whose holding
 *   condition the account meets) gives `weight + CASE_STEP × (count − minCases)`, at most `CASE_CAP`;
 * - similar accounts: `holders / peers` (only with `holders ≥ MIN_EVIDENCE`), × `WEIGHTS.similarAccounts`;
 * - win-back: a product held under an ended contract and not held now, `WEIGHTS.winBack`.
 * The score is the sum; held products and products excluded by a held one are never suggested.
 * Ties are broken by sku, so the order is stable.
 */
export function rankRecommendations(input: RankingInput, limit: number): RecommendationItem[] {
  const rules = input.caseRules ?? CASE_RULES;
  const held = new Set(input.held);
  const blocked = excludedBy(input.held, input.exclusions ?? EXCLUSIONS);
  const candidates = new Map<string, { product: Product; evidence: RecommendationEvidence[] }>();
  const add = (product: Product, e: RecommendationEvidence) => {
    if (held.has(product.sku) || blocked.has(product.sku) || e.score <= 0) return;
    const c = candidates.get(product.sku) ?? { product, evidence: [] };
    const same = c.evidence.findIndex((x) => x.source === e.source);
    if (same === -1) c.evidence.push(e);
    else if (c.evidence[same]!.score < e.score) c.evidence[same] = e;
    if (c.product.productId === null && product.productId !== null) c.product = product;
    candidates.set(product.sku, c);
  };

  for (const co of input.coOccurrence) {
    if (co.together < MIN_EVIDENCE || co.holders <= 0) continue;
    add(co.product, {
      source: 'co-occurrence',
      text: `${co.together} of ${co.holders} other accounts holding ${co.antecedent} also hold ${co.product.sku}`,
      counts: { together: co.together, holders: co.holders },
      score: round(WEIGHTS.coOccurrence * Math.min(1, co.together / co.holders)),
    });
  }

  for (const rule of rules) {
    const n = input.cases[rule.category] ?? 0;
    if (n < rule.minCases) continue;
    if (rule.holdingSkuPrefix !== null && !input.held.some((s) => s.startsWith(rule.holdingSkuPrefix!))) continue;
    const product = input.known?.get(rule.suggest.sku) ?? { sku: rule.suggest.sku, name: rule.suggest.name, productId: null };
    add(product, {
      source: 'case-history',
      text: `${n} ${rule.category} cases in the last ${CASE_WINDOW_DAYS} days on an account holding ${rule.holdingLabel}`,
      counts: { cases: n, threshold: rule.minCases },
      score: round(Math.min(CASE_CAP, rule.weight + CASE_STEP * (n - rule.minCases))),
    });
  }

  if (input.peers && input.peers.peers > 0) {
    const p = input.peers;
    for (const h of p.holdings) {
      if (h.holders < MIN_EVIDENCE) continue;
      add(h.product, {
        source: 'similar-accounts',
        text: `${h.holders} of ${p.peers} similar accounts (industry ${p.industry}, segment ${p.segment}) hold ${h.product.sku}`,
        counts: { peersHolding: h.holders, peers: p.peers },
        score: round(WEIGHTS.similarAccounts * Math.min(1, h.holders / p.peers)),
      });
    }
  }

  for (const e of input.ended) {
    add(e.product, {
      source: 'win-back',
      text: `held under contract ${e.contractNo}${e.endsOn ? ` until ${e.endsOn}` : ''} and not renewed`,
      counts: { endedContracts: 1 },
      score: WEIGHTS.winBack,
    });
  }

  return [...candidates.values()]
    .map(({ product, evidence }) => ({
      sku: product.sku,
      productId: product.productId,
      name: product.name,
      score: round(evidence.reduce((s, e) => s + e.score, 0)),
      reason: evidence.map((e) => e.text).join('; '),
      evidence,
    }))
    .sort((a, b) => b.score - a.score || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
    .slice(0, limit);
}
