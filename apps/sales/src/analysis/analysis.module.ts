import { Module } from '@nestjs/common';

/** Sales: business analysis. */
@Module({})
export class AnalysisModule {}
