/** The sales app's partner contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type PartnerEventPayloads = Record<never, never>;
