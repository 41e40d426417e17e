/** The service app's sla contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type ServiceSlaEventPayloads = Record<never, never>;
