import { Module } from '@nestjs/common';

/** Service: data-driven workflow and escalation rules. */
@Module({})
export class WorkflowModule {}
