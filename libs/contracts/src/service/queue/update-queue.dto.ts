import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { QueueFieldsDto } from './queue-fields.dto.js';
import { QUEUE_STRATEGIES, type QueueStrategy } from './queue.types.js';

export const QUEUE_UPDATE_V1 = 'service.queue.update.v1';

export class UpdateQueueDto extends QueueFieldsDto {
  @IsUUID('4')
  queueId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsIn(QUEUE_STRATEGIES)
  strategy?: QueueStrategy;
}
