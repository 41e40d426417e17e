import { Module } from '@nestjs/common';

/** Sales: quotas. */
@Module({})
export class QuotaModule {}
