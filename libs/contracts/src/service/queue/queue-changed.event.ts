/** Published on every change of a queue (create, update, members). */
export const QUEUE_CHANGED_V1 = 'service.queue.changed.v1';

export interface QueueChangedData {
  queueId: string;
  name: string;
  strategy: string;
  active: boolean;
  members: string[];
  version: number;
}
