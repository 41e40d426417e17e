import { Module } from '@nestjs/common';

/** Service: queues, members, skills and assignment. */
@Module({})
export class QueueModule {}
