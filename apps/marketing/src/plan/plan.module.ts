import { Module } from '@nestjs/common';

/** Marketing: market plans and KPI progress. */
@Module({})
export class PlanModule {}
