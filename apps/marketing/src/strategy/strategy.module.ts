import { Module } from '@nestjs/common';

/** Marketing: strategy and A/B evaluation. */
@Module({})
export class StrategyModule {}
