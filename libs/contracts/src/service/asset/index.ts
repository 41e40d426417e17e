/** The service app's asset contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type ServiceAssetEventPayloads = Record<never, never>;
