/** The marketing app's document contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type MarketingDocumentEventPayloads = Record<never, never>;
