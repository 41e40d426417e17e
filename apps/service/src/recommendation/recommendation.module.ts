import { Module } from '@nestjs/common';

/** Service: product and service recommendations per account. */
@Module({})
export class RecommendationModule {}
