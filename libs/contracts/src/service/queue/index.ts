/** The service app's queue contracts: one file per message beside this barrel. */
import { QUEUE_CHANGED_V1, type QueueChangedData } from './queue-changed.event.js';

export * from './queue.types.js';
export * from './queue-fields.dto.js';
export * from './update-queue.dto.js';
export * from './get-queue.dto.js';
export * from './list-queues.dto.js';
export * from './set-queue-members.dto.js';
export * from './queue-changed.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface ServiceQueueEventPayloads {
  [QUEUE_CHANGED_V1]: QueueChangedData;
}
