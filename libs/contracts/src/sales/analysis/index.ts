/** The sales app's analysis contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type AnalysisEventPayloads = Record<never, never>;
