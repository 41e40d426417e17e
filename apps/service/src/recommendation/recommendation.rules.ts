/**
 * The recommendation feature's configuration, in code so a change is reviewed and versioned like
 * any rule (docs/service/assets-and-recommendations.md lists them). The sales catalogue's own
 * `requires`/`excludes` rules constrain options inside one product and live in sales, which service
 * cannot read; the exclusions here are between whole products (skus).
 */

/** A product suggested by the case history: when the account had at least `minCases` cases of `category`. */
export interface CaseRule {
  category: string;
  minCases: number;
  /** Only for accounts holding an active asset whose sku starts with this (null: any account). */
  holdingSkuPrefix: string | null;
  /** What `holdingSkuPrefix` means, for the reason text. */
  holdingLabel: string;
  suggest: { sku: string; name: string };
  /** Score when the rule fires at `minCases`; each further case adds `CASE_STEP`, up to `CASE_CAP`. */
  weight: number;
}

export const CASE_WINDOW_DAYS = 180;
export const CASE_STEP = 0.05;
export const CASE_CAP = 0.8;

export const CASE_RULES: readonly CaseRule[] = [
  {
    category: 'fault',
    minCases: 2,
    holdingSkuPrefix: 'BB-',
    holdingLabel: 'broadband',
    suggest: { sku: 'SUP-PREM', name: 'Premium support (4-hour response)' },
    weight: 0.6,
  },
  {
    category: 'fault',
    minCases: 3,
    holdingSkuPrefix: 'BB-',
    holdingLabel: 'broadband',
    suggest: { sku: 'BB-BACKUP-4G', name: '4G backup line' },
    weight: 0.5,
  },
  {
    category: 'complaint',
    minCases: 2,
    holdingSkuPrefix: null,
    holdingLabel: 'any product',
    suggest: { sku: 'SUP-PREM', name: 'Premium support (4-hour response)' },
    weight: 0.4,
  },
];

/**
 * Products that cannot be held together: holding the key excludes each listed sku (and the
 * relation is applied both ways), e.g. one support plan and one broadband speed at a time.
 */
export const EXCLUSIONS: Readonly<Record<string, readonly string[]>> = {
  'SUP-PREM': ['SUP-STD'],
  'SUP-PLAT': ['SUP-STD', 'SUP-PREM'],
  'BB-1000': ['BB-100', 'BB-300'],
  'BB-300': ['BB-100'],
};

/** Weights of the three models; each model's own figure is in [0, 1]. */
export const WEIGHTS = { coOccurrence: 0.4, similarAccounts: 0.35, winBack: 0.2 } as const;

/** A co-occurrence or peer count below this is noise, not evidence. */
export const MIN_EVIDENCE = 2;

export const DEFAULT_LIMIT = 10;
