/** The sales app's quote contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type QuoteEventPayloads = Record<never, never>;
