/** Where a suggestion comes from (docs/service/assets-and-recommendations.md explains each model). */
export const RECOMMENDATION_SOURCES = ['co-occurrence', 'case-history', 'similar-accounts', 'win-back'] as const;
export type RecommendationSource = (typeof RECOMMENDATION_SOURCES)[number];

/** One piece of evidence behind a suggestion, with the counts it rests on. */
export interface RecommendationEvidence {
  source: RecommendationSource;
  /** Human text, e.g. "3 of 4 accounts holding BB-1000 also hold SUP-PREM". */
  text: string;
  /** The figures of the text, e.g. `{ together: 3, holders: 4 }`, `{ cases: 2 }`, `{ peersHolding: 5, peers: 8 }`, `{ endedContracts: 1 }`. */
  counts: Record<string, number>;
  /** This source's contribution to the score. */
  score: number;
}

export interface RecommendationItem {
  sku: string;
  productId: string | null;
  name: string;
  /** Sum of the evidence scores, 3 decimals; items are ordered by it (then by sku). */
  score: number;
  /** The evidence texts joined: why this is suggested. */
  reason: string;
  evidence: RecommendationEvidence[];
}

export interface RecommendationList {
  accountId: string;
  items: RecommendationItem[];
}
