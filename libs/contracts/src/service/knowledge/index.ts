/** The service app's knowledge contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type ServiceKnowledgeEventPayloads = Record<never, never>;
