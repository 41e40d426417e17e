import { IsUUID } from 'class-validator';

export const QUEUE_GET_V1 = 'service.queue.get.v1';

export class GetQueueDto {
  @IsUUID('4')
  queueId: string;
}
