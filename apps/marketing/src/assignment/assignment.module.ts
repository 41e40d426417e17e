import { Module } from '@nestjs/common';

/** Marketing: lead assignment rules. */
@Module({})
export class AssignmentModule {}
