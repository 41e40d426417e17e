/** The sales app's product contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type ProductEventPayloads = Record<never, never>;
