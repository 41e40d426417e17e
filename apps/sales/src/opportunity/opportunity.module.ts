import { Module } from '@nestjs/common';

/** Sales: pipelines and opportunities. */
@Module({})
export class OpportunityModule {}
