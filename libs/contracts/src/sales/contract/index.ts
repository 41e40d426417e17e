/** The sales app's contract contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type ContractEventPayloads = Record<never, never>;
