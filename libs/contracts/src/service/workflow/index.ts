/** The service app's workflow contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type ServiceWorkflowEventPayloads = Record<never, never>;
