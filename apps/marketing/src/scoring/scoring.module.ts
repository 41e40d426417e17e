import { Module } from '@nestjs/common';

/** Marketing: lead scoring rules and re-scoring. */
@Module({})
export class ScoringModule {}
