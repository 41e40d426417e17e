import { Module } from '@nestjs/common';

/** Marketing: competitors and win/loss analysis. */
@Module({})
export class CompetitorModule {}
